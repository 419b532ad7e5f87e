namespace LeadRecs.Grains.Interfaces.Messages;

/// <summary>What a user grain knows, for inspection and dashboards.</summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.UserSummary")]
public sealed record UserSummary(
    [property: Id(0)] string UserId,
    [property: Id(1)] long InteractionCount,
    [property: Id(2)] DateTimeOffset? LastActivity,
    [property: Id(3)] long FeatureVersion,
    [property: Id(4)] double? CentreLat,
    [property: Id(5)] double? CentreLon,
    [property: Id(6)] IReadOnlyList<string> RecentLeadIds,
    [property: Id(7)] IReadOnlyList<string> TopCellIds);
