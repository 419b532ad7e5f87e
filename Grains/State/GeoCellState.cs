using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Ranking.Features;

namespace LeadRecs.Grains.State;

/// <summary>Persisted state of a geo cell; both collections are bounded by the grain.</summary>
public sealed class GeoCellState
{
    public Dictionary<string, CellLead> Leads { get; set; } = new(StringComparer.Ordinal);
    public Decayed Demand { get; set; } = Decayed.Zero;
    public List<MarketObservation> Market { get; set; } = [];
}
