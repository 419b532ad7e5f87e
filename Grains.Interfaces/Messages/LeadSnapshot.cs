namespace LeadRecs.Grains.Interfaces.Messages;

/// <summary>A lead with its geo cell and decayed popularity, as its grain knows it.</summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.LeadSnapshot")]
public sealed record LeadSnapshot(
    [property: Id(0)] LeadInfo Lead,
    [property: Id(1)] string CellId,
    [property: Id(2)] double Popularity,
    [property: Id(3)] DateTimeOffset PopularityAsOf,
    [property: Id(4)] long Views,
    [property: Id(5)] long Clicks,
    [property: Id(6)] long Inquiries);
