namespace LeadRecs.Grains.Interfaces.Messages;

/// <summary>A ranked list for one user. Feedback events quote <paramref name="RecommendationId"/>.</summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.Recommendations")]
public sealed record Recommendations(
    [property: Id(0)] string UserId,
    [property: Id(1)] string RecommendationId,
    [property: Id(2)] ModelInfo Model,
    [property: Id(3)] bool Cached,
    [property: Id(4)] DateTimeOffset GeneratedAt,
    [property: Id(5)] IReadOnlyList<RecommendedLead> Items);
