using LeadRecs.Ranking.Features;

namespace LeadRecs.UnitTests.Features;

public sealed class MarketTrendTests
{
    [Fact]
    public void A_steady_one_percent_monthly_rise_has_slope_log_1_01()
    {
        var start = new DateOnly(2026, 1, 1);
        var series = Enumerable.Range(0, 6).Select(m => (start.AddDays(30 * m), 400_000 * Math.Pow(1.01, m)));
        Assert.Equal(Math.Log(1.01), MarketTrend.MonthlyLogSlope(series), 6);
    }

    [Fact]
    public void Falling_prices_have_a_negative_slope_and_flat_ones_zero()
    {
        var start = new DateOnly(2026, 1, 1);
        Assert.True(MarketTrend.MonthlyLogSlope([(start, 500_000), (start.AddDays(60), 450_000)]) < 0);
        Assert.Equal(0, MarketTrend.MonthlyLogSlope([(start, 500_000), (start.AddDays(60), 500_000)]), 9);
    }

    [Fact]
    public void Too_little_data_is_no_trend()
    {
        Assert.Equal(0, MarketTrend.MonthlyLogSlope([]));
        Assert.Equal(0, MarketTrend.MonthlyLogSlope([(new DateOnly(2026, 1, 1), 1.0)]));
    }

    [Fact]
    public void Only_the_trailing_window_counts()
    {
        var start = new DateOnly(2024, 1, 1);
        var old = Enumerable.Range(0, 5).Select(m => (start.AddDays(30 * m), 100_000.0 * (m + 1)));
        var recent = Enumerable.Range(0, 4).Select(m => (start.AddDays(700 + 30 * m), 500_000.0));
        Assert.Equal(0, MarketTrend.MonthlyLogSlope(old.Concat(recent)), 9);
    }
}
