namespace LeadRecs.Ranking.Domain;

/// <summary>A market observation for one geo cell on one day; any measure may be missing.</summary>
public sealed record MarketPoint(
    string CellId,
    DateOnly Date,
    double? MedianPrice,
    double? PricePerSqm,
    int? Inventory,
    double? DaysOnMarket);
