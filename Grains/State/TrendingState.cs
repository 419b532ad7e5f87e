using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.Grains.State;

/// <summary>Persisted top leads per region.</summary>
public sealed class TrendingState
{
    public Dictionary<string, List<CandidateLead>> ByRegion { get; set; } = new(StringComparer.Ordinal);
}
