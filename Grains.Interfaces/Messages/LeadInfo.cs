namespace LeadRecs.Grains.Interfaces.Messages;

/// <summary>A lead's attributes as the platform upserts them.</summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.LeadInfo")]
public sealed record LeadInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] double Lat,
    [property: Id(2)] double Lon,
    [property: Id(3)] double Price,
    [property: Id(4)] LeadKind Kind,
    [property: Id(5)] int? Bedrooms,
    [property: Id(6)] double? AreaSqm,
    [property: Id(7)] DateTimeOffset ListedAt,
    [property: Id(8)] LeadStatus Status);
