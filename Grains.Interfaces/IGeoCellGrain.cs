using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.Grains.Interfaces;

/// <summary>
/// One geo cell (keyed by "zoom/x/y"): the active leads of the area as ranking candidates, decayed demand and
/// supply, and the area's market series.
/// </summary>
public interface IGeoCellGrain : IGrainWithStringKey
{
    /// <summary>Adds, updates or (when no longer active) removes a lead from the cell's candidates.</summary>
    Task UpsertLeadAsync(LeadInfo lead, double popularity, DateTimeOffset popularityAsOf);

    Task RemoveLeadAsync(string leadId);

    /// <summary>Adds interaction weight to the cell's demand and refreshes the lead's popularity.</summary>
    Task RecordDemandAsync(string leadId, double weight, DateTimeOffset at, double popularity, DateTimeOffset popularityAsOf);

    /// <summary>Up to <paramref name="max"/> active leads, most popular first.</summary>
    Task<IReadOnlyList<CandidateLead>> GetCandidatesAsync(int max);

    Task<CellStats> GetStatsAsync();

    Task AddMarketDataAsync(IReadOnlyList<MarketObservation> observations);

    /// <summary>The cell's market series (the most recent observations), oldest first: what retraining replays.</summary>
    Task<IReadOnlyList<MarketObservation>> GetMarketDataAsync();
}
