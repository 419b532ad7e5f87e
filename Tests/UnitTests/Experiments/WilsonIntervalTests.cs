using LeadRecs.Ranking.Experiments;

namespace LeadRecs.UnitTests.Experiments;

public sealed class WilsonIntervalTests
{
    [Fact]
    public void Half_of_a_hundred_gives_the_textbook_interval()
    {
        // p = 0.5, n = 100, z² = 3.8416: centre = (0.5 + 0.019208) / 1.038416 = 0.5,
        // half = 1.96 / 1.038416 x sqrt(0.0025 + 0.00009604) = 0.0961702 -> [0.403830, 0.596170].
        var interval = WilsonInterval.Compute(50, 100);

        Assert.Equal(0.403830, interval.Lower, 6);
        Assert.Equal(0.596170, interval.Upper, 6);
    }

    [Fact]
    public void No_successes_still_give_a_useful_upper_bound()
    {
        // 0 of 10: lower 0, upper = z² / (n + z²) = 3.8416 / 13.8416 = 0.277540.
        var interval = WilsonInterval.Compute(0, 10);

        Assert.Equal(0, interval.Lower, 12);
        Assert.Equal(0.277540, interval.Upper, 6);
        Assert.Equal(1 - 0.277540, WilsonInterval.Compute(10, 10).Lower, 6);
    }

    [Fact]
    public void A_skewed_small_sample_and_no_trials()
    {
        // 3 of 40 (p = 0.075) with z = 1.96: [0.025836, 0.198645], asymmetric around p as Wilson should be.
        var interval = WilsonInterval.Compute(3, 40);
        Assert.Equal(0.025836, interval.Lower, 6);
        Assert.Equal(0.198645, interval.Upper, 6);

        Assert.Equal(new WilsonInterval(0, 1), WilsonInterval.Compute(0, 0));
        Assert.True(WilsonInterval.Compute(3, 40, z: 2.58).Upper > interval.Upper);
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Compute(5, 4));
    }
}
