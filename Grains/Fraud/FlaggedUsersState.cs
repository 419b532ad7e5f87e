using LeadRecs.Grains.Interfaces.Fraud;

namespace LeadRecs.Grains.Fraud;

/// <summary>Persisted state of the flagged-users list. Stored as JSON; add members, never rename them.</summary>
public sealed class FlaggedUsersState
{
    public Dictionary<string, FlaggedUser> Users { get; set; } = new(StringComparer.Ordinal);
}
