namespace LeadRecs.Grains.Interfaces.Messages;

/// <summary>
/// A geo cell's market state: decayed <paramref name="Demand"/> (weighted interactions), <paramref name="Supply"/>
/// (active leads) and <paramref name="Score"/> = demand per listing, the tightness of the local market.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.CellStats")]
public sealed record CellStats(
    [property: Id(0)] string CellId,
    [property: Id(1)] double Lat,
    [property: Id(2)] double Lon,
    [property: Id(3)] double Demand,
    [property: Id(4)] int Supply,
    [property: Id(5)] double Score,
    [property: Id(6)] DateTimeOffset AsOf);
