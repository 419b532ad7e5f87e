namespace LeadRecs.Grains.Interfaces.Messages;

/// <summary>
/// An interaction delivered to a user grain together with the lead's facts at that time, and its position in the
/// interaction log when known: the grain skips a position it has already applied (replayed from the log).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.UserInteraction")]
public sealed record UserInteraction(
    [property: Id(0)] LeadInfo Lead,
    [property: Id(1)] string CellId,
    [property: Id(2)] InteractionKind Kind,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string? EventId = null,
    [property: Id(5)] string? RecommendationId = null,
    [property: Id(6)] long? LogPosition = null);
