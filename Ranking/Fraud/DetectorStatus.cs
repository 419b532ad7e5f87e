using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Fraud;

/// <summary>
/// What a <see cref="UserBehaviourDetector"/> must not forget when it is unloaded (its recent events may be lost):
/// the reasons and the quarantine. Small, and changes only when the user is flagged.
/// </summary>
public sealed record DetectorStatus(
    InteractionFlags Reasons,
    DateTimeOffset? QuarantineFrom,
    DateTimeOffset? QuarantineUntil,
    DateTimeOffset? FirstFlaggedAt,
    DateTimeOffset? LastFlaggedAt,
    long ScreenedEvents,
    long FlaggedEvents);
