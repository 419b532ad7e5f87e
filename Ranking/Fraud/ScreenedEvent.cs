using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Fraud;

/// <summary>
/// What the per-user rules need of an event. <paramref name="EventId"/> identifies it if it is flagged retroactively;
/// <paramref name="LockstepHit"/> comes from a <see cref="LockstepDetector"/>.
/// </summary>
public readonly record struct ScreenedEvent(
    string LeadId, InteractionKind Kind, DateTimeOffset At, string? EventId = null, bool LockstepHit = false);
