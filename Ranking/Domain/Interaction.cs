namespace LeadRecs.Ranking.Domain;

/// <summary>One thing a user did with a lead, as stored in the interaction log.</summary>
/// <param name="EventId">Client-supplied id that makes a retried batch idempotent; null when the client gave none.</param>
/// <param name="RecommendationId">The recommendation list this interaction answers, for attribution.</param>
/// <param name="Flags">Set by the fraud filter; a flagged interaction is kept but counts for nothing.</param>
public sealed record Interaction(
    string UserId,
    string LeadId,
    InteractionKind Kind,
    DateTimeOffset At,
    string? EventId = null,
    string? RecommendationId = null,
    InteractionFlags Flags = InteractionFlags.None);
