namespace LeadRecs.Grains.Interfaces.Messages;

/// <summary>
/// A user's interaction with a lead. <paramref name="EventId"/> makes retries idempotent; an event with
/// <paramref name="Flags"/> set was flagged by the fraud filter and counts for nothing. <paramref name="LogPosition"/> is
/// where the event is in the interaction log once it is there (null before, or when the caller does not know).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.InteractionEvent")]
public sealed record InteractionEvent(
    [property: Id(0)] string UserId,
    [property: Id(1)] string LeadId,
    [property: Id(2)] InteractionKind Kind,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string? EventId = null,
    [property: Id(5)] string? RecommendationId = null,
    [property: Id(6)] InteractionFlags Flags = InteractionFlags.None,
    [property: Id(7)] long? LogPosition = null);
