using LeadRecs.Ranking.Experiments;

namespace LeadRecs.UnitTests.Experiments;

public sealed class NormalDistributionTests
{
    [Theory]
    // Reference values: Python's math.erfc (double precision), Φ(x) = erfc(-x/√2)/2.
    [InlineData(1.96, 0.9750021048517795)]
    [InlineData(-3.0, 0.0013498980316300957)]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.8413447460685429)]
    [InlineData(-1.6448536269514722, 0.05)]
    [InlineData(2.5758293035489, 0.995)]
    [InlineData(-5.0, 2.866515718791946e-07)]
    [InlineData(4.0, 0.9999683287581669)]
    public void Cdf_matches_known_values_to_about_1e_7_relative(double x, double expected)
    {
        AssertClose(expected, NormalDistribution.Cdf(x), 2e-7);
    }

    [Theory]
    [InlineData(0.1, 0.8875370839817152)]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(-1.0, 1.842700792949715)]
    [InlineData(2.0, 0.004677734981047265)]
    [InlineData(3.0, 2.2090496998585438e-05)]
    [InlineData(5.0, 1.5374597944280351e-12)]
    public void Erfc_matches_known_values_to_about_1e_7_relative_even_in_the_tail(double x, double expected)
    {
        AssertClose(expected, NormalDistribution.Erfc(x), 2e-7);
    }

    [Fact]
    public void Two_sided_p_of_1_96_is_five_percent()
    {
        AssertClose(0.04999579029644087, NormalDistribution.TwoSidedPValue(1.96), 2e-7);
        Assert.Equal(NormalDistribution.TwoSidedPValue(1.96), NormalDistribution.TwoSidedPValue(-1.96));
        Assert.Equal(1.0, NormalDistribution.TwoSidedPValue(0), 7);
    }

    private static void AssertClose(double expected, double actual, double relative) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");
}
