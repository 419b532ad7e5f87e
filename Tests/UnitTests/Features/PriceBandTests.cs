using LeadRecs.Ranking.Features;

namespace LeadRecs.UnitTests.Features;

public sealed class PriceBandTests
{
    [Theory]
    [InlineData(10_000, 0)]
    [InlineData(50_000, 0)]
    [InlineData(74_999, 0)]
    [InlineData(75_001, 1)]
    [InlineData(500_000, 5)] // 50k * 1.5^5 = 379.7k <= 500k < 569.5k
    [InlineData(1e12, PriceBand.Count - 1)]
    [InlineData(double.NaN, 0)]
    public void Bands_are_geometric_and_bounded(double price, int band)
    {
        Assert.Equal(band, PriceBand.Of(price));
    }

    [Fact]
    public void Lower_bound_is_inside_its_band()
    {
        for (var b = 1; b < PriceBand.Count; b++)
        {
            Assert.Equal(b, PriceBand.Of(PriceBand.LowerBound(b) * 1.0001));
        }
    }
}
