using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.Grains.State;

/// <summary>Persisted index of a region: the last stats and top leads each non-empty cell reported.</summary>
public sealed class GeoRegionState
{
    public Dictionary<string, CellStats> Cells { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<CandidateLead>> TopLeads { get; set; } = new(StringComparer.Ordinal);
}
