using LeadRecs.Ranking.Experiments;

namespace LeadRecs.UnitTests.Experiments;

public sealed class TwoProportionZTestTests
{
    [Fact]
    public void A_better_b_gives_the_hand_computed_positive_z()
    {
        // A: 100/1000 = 0.10, B: 130/1000 = 0.13. Pooled p = 230/2000 = 0.115, p(1 - p) = 0.101775,
        // SE = sqrt(0.101775 x (1/1000 + 1/1000)) = sqrt(0.00020355) = 0.0142671, z = 0.03 / 0.0142671 = 2.10274,
        // two-sided p = erfc(2.10274 / sqrt 2) = 0.035488.
        var result = TwoProportionZTest.Compute(100, 1000, 130, 1000);

        Assert.Equal(0.10, result.RateA, 12);
        Assert.Equal(0.13, result.RateB, 12);
        Assert.Equal(0.03, result.Difference, 12);
        Assert.Equal(0.115, result.PooledRate, 12);
        Assert.Equal(0.0142671, result.StandardError, 6);
        Assert.Equal(2.10274, result.Z, 4);
        Assert.Equal(0.035488, result.PValue, 5);
    }

    [Fact]
    public void A_worse_b_with_unequal_arms_gives_the_hand_computed_negative_z()
    {
        // A: 50/2000 = 0.025, B: 30/1500 = 0.02. Pooled p = 80/3500 = 0.0228571, p(1 - p) = 0.0223347,
        // 1/2000 + 1/1500 = 0.00116667, SE = sqrt(0.0223347 x 0.00116667) = 0.0051046,
        // z = -0.005 / 0.0051046 = -0.97950, two-sided p = erfc(0.97950 / sqrt 2) = 0.32733.
        var result = TwoProportionZTest.Compute(50, 2000, 30, 1500);

        Assert.Equal(-0.005, result.Difference, 12);
        Assert.Equal(0.0228571, result.PooledRate, 6);
        Assert.Equal(0.0051046, result.StandardError, 6);
        Assert.Equal(-0.97950, result.Z, 4);
        Assert.Equal(0.32733, result.PValue, 4);
    }

    [Fact]
    public void Equal_rates_give_z_zero_and_p_one_even_with_no_variance()
    {
        var equal = TwoProportionZTest.Compute(10, 100, 20, 200);
        Assert.Equal(0, equal.Z, 12);
        Assert.Equal(1, equal.PValue, 6);

        var none = TwoProportionZTest.Compute(0, 100, 0, 50);
        Assert.Equal(0, none.StandardError);
        Assert.Equal(0, none.Z);
        Assert.Equal(1, none.PValue, 6);
    }

    [Fact]
    public void Impossible_counts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoProportionZTest.Compute(0, 0, 1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoProportionZTest.Compute(11, 10, 1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoProportionZTest.Compute(1, 10, -1, 10));
    }
}
