using LeadRecs.Ranking.Features;

namespace LeadRecs.Grains.State;

/// <summary>Persisted state of a user grain. Stored as JSON; add members, never rename them.</summary>
public sealed class UserGrainState
{
    public UserFeatures Features { get; set; } = new();

    public RecentEventIds AppliedEvents { get; set; } = new();

    /// <summary>Which of the user's interaction log rows the features hold; what a restarted grain replays from.</summary>
    public LogProgress Log { get; set; } = new();
}
