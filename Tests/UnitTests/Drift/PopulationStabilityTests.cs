using LeadRecs.Ranking.Drift;

namespace LeadRecs.UnitTests.Drift;

public sealed class PopulationStabilityTests
{
    [Fact]
    public void Matches_a_hand_computed_index()
    {
        // e = 0.25 each, a = 0.1, 0.2, 0.3, 0.4:
        // (0.1-0.25)ln(0.4) = 0.137444, (0.2-0.25)ln(0.8) = 0.011157, (0.3-0.25)ln(1.2) = 0.009116,
        // (0.4-0.25)ln(1.6) = 0.070501; sum = 0.228217.
        var psi = PopulationStability.Index([0.25, 0.25, 0.25, 0.25], [0.1, 0.2, 0.3, 0.4]);

        Assert.Equal(0.228217, psi, 6);
    }

    [Fact]
    public void An_empty_bin_is_floored_at_epsilon()
    {
        // e = 0.5, 0.3, 0.2; a = 0.6, 0.4, 0 -> 1e-4:
        // (0.6-0.5)ln(1.2) = 0.018232, (0.4-0.3)ln(4/3) = 0.028768, (1e-4-0.2)ln(1e-4/0.2) = 0.1999 x 7.600902 = 1.519420;
        // sum = 1.566421.
        var psi = PopulationStability.Index([0.5, 0.3, 0.2], [0.6, 0.4, 0.0], epsilon: 1e-4);

        Assert.Equal(1.566421, psi, 6);
        Assert.True(double.IsFinite(PopulationStability.Index([1.0, 0.0], [0.0, 1.0])));
    }

    [Fact]
    public void Identical_shares_give_zero_and_the_index_is_symmetric()
    {
        Assert.Equal(0, PopulationStability.Index([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]), 12);
        Assert.Equal(
            PopulationStability.Index([0.2, 0.3, 0.5], [0.4, 0.4, 0.2]),
            PopulationStability.Index([0.4, 0.4, 0.2], [0.2, 0.3, 0.5]), 12);
    }

    [Fact]
    public void Shares_of_counts_and_bad_input()
    {
        Assert.Equal([0.25, 0.75], PopulationStability.Shares([1L, 3L]));
        Assert.Equal([0.0, 0.0], PopulationStability.Shares([0L, 0L]));
        Assert.Throws<ArgumentException>(() => PopulationStability.Index([0.5, 0.5], [1.0]));
        Assert.Throws<ArgumentException>(() => PopulationStability.Index([], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => PopulationStability.Index([1.0], [1.0], epsilon: 0));
    }
}
