using LeadRecs.Ranking.Geo;

namespace LeadRecs.UnitTests.Geo;

public sealed class GeoCellSpanParsingTests
{
    [Theory]
    [InlineData("13/1312/2860", true)]
    [InlineData("0/0/0", true)]
    [InlineData("13/1312/2860/1", false)]
    [InlineData("13/1312", false)]
    [InlineData("13/-1/2", false)]
    [InlineData("13/8192/1", false)]
    [InlineData("25/1/1", false)]
    [InlineData("", false)]
    public void Parses_spans_exactly_as_strings(string text, bool valid)
    {
        Assert.Equal(valid, GeoCell.TryParse(text.AsSpan(), out var fromSpan));
        Assert.Equal(valid, GeoCell.TryParse(text, out var fromString));
        Assert.Equal(fromString, fromSpan);
        if (valid)
        {
            Assert.Equal(text, fromSpan.ToString());
        }
    }
}
