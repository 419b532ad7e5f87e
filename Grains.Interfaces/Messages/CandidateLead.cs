namespace LeadRecs.Grains.Interfaces.Messages;

/// <summary>
/// A lead offered for ranking, carrying its cell's context so the ranker needs no further calls.
/// <paramref name="Popularity"/> is the decayed value as of <paramref name="PopularityAsOf"/>.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.CandidateLead")]
public sealed record CandidateLead(
    [property: Id(0)] LeadInfo Lead,
    [property: Id(1)] string CellId,
    [property: Id(2)] double Popularity,
    [property: Id(3)] DateTimeOffset PopularityAsOf,
    [property: Id(4)] double CellDemand,
    [property: Id(5)] int CellSupply,
    [property: Id(6)] double MarketTrend);
