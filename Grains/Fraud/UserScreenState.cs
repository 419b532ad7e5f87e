using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Fraud;

namespace LeadRecs.Grains.Fraud;

/// <summary>Persisted state of a user's screen: only what must survive an unload. Stored as JSON; add members, never rename them.</summary>
public sealed class UserScreenState
{
    public InteractionFlags Reasons { get; set; }
    public DateTimeOffset? QuarantineFrom { get; set; }
    public DateTimeOffset? QuarantineUntil { get; set; }
    public DateTimeOffset? FirstFlaggedAt { get; set; }
    public DateTimeOffset? LastFlaggedAt { get; set; }
    public long ScreenedEvents { get; set; }
    public long FlaggedEvents { get; set; }

    public DetectorStatus ToStatus() =>
        new(Reasons, QuarantineFrom, QuarantineUntil, FirstFlaggedAt, LastFlaggedAt, ScreenedEvents, FlaggedEvents);

    public static UserScreenState From(DetectorStatus s) => new()
    {
        Reasons = s.Reasons,
        QuarantineFrom = s.QuarantineFrom,
        QuarantineUntil = s.QuarantineUntil,
        FirstFlaggedAt = s.FirstFlaggedAt,
        LastFlaggedAt = s.LastFlaggedAt,
        ScreenedEvents = s.ScreenedEvents,
        FlaggedEvents = s.FlaggedEvents,
    };
}
