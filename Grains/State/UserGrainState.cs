using LeadRecs.Ranking.Features;

namespace LeadRecs.Grains.State;

/// <summary>Persisted state of a user grain. Stored as JSON; add members, never rename them.</summary>
public sealed class UserGrainState
{
    public UserFeatures Features { get; set; } = new();

    public RecentEventIds AppliedEvents { get; set; } = new();
}
