using LeadRecs.Ranking.Features;

namespace LeadRecs.Ranking.Training;

/// <summary>A geo cell's state during a replay: what <c>GeoCellGrain</c> keeps, computed the same way.</summary>
internal sealed class MarketCell
{
    private readonly SortedDictionary<DateOnly, double> _prices = [];
    private double? _trend;

    public List<int> Leads { get; } = [];

    /// <summary>Available (listed, active) leads in the cell.</summary>
    public int Supply { get; set; }

    public Decayed Demand { get; set; } = Decayed.Zero;

    public double Trend => _trend ??= MarketTrend.MonthlyLogSlope(_prices.Select(p => (p.Key, p.Value)));

    /// <summary>A second observation for the same day replaces the first, as in the grain.</summary>
    public void AddMarketPrice(DateOnly date, double price)
    {
        _prices[date] = price;
        _trend = null;
    }
}
