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

    [Fact]
    public void Every_band_edge_and_random_prices_match_the_logarithm_formula()
    {
        for (var b = 1; b < PriceBand.Count; b++)
        {
            var start = PriceBand.Start(b);
            Assert.Equal(b, PriceBand.Reference(start));
            Assert.Equal(b - 1, PriceBand.Reference(Math.BitDecrement(start)));
            var price = start;
            for (var i = 0; i < 4; i++)
            {
                price = Math.BitDecrement(price);
            }
            for (var i = 0; i < 9; i++, price = Math.BitIncrement(price))
            {
                Assert.Equal(PriceBand.Reference(price), PriceBand.Of(price));
            }
        }

        var random = new Random(7);
        for (var i = 0; i < 200_000; i++)
        {
            var price = Math.Exp(random.NextDouble() * 25); // 1 to 7e10: below the floor to past the top band
            Assert.Equal(PriceBand.Reference(price), PriceBand.Of(price));
        }
        foreach (var price in new[] { PriceBand.Floor, Math.BitIncrement(PriceBand.Floor), 0, -1, double.NaN, double.PositiveInfinity, double.MaxValue })
        {
            Assert.Equal(PriceBand.Reference(price), PriceBand.Of(price));
        }
    }
}
