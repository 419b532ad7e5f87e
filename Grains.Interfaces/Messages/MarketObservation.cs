namespace LeadRecs.Grains.Interfaces.Messages;

/// <summary>Market data for one cell and day; any measure may be absent.</summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.MarketObservation")]
public sealed record MarketObservation(
    [property: Id(0)] string CellId,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] double? MedianPrice,
    [property: Id(3)] double? PricePerSqm,
    [property: Id(4)] int? Inventory,
    [property: Id(5)] double? DaysOnMarket);
