using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Ranking.Features;

namespace LeadRecs.Grains.State;

/// <summary>Persisted state of a geo cell; the collections are bounded by the grain. Stored as JSON; add members, never rename them.</summary>
public sealed class GeoCellState
{
    public Dictionary<string, CellLead> Leads { get; set; } = new(StringComparer.Ordinal);

    /// <summary>No longer read: demand is the sum of <see cref="DemandByLead"/>. Kept so that stored states still map.</summary>
    public Decayed Demand { get; set; } = Decayed.Zero;

    public List<MarketObservation> Market { get; set; } = [];

    /// <summary>
    /// The popularity each lead of the cell last reported (active or not): the cell's demand is their sum, which is the
    /// decayed weight of every applied interaction with the cell's leads.
    /// </summary>
    public Dictionary<string, Decayed> DemandByLead { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether this state was written when its activation ended, with every report it had received. False in a state
    /// written by a timer or a command, and in one written before this was kept: the grain that reads it asks its leads.
    /// </summary>
    public bool Complete { get; set; }
}
