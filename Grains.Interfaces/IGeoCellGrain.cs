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

    /// <summary>The lead moved to another cell: neither a candidate here nor part of this cell's demand.</summary>
    Task RemoveLeadAsync(string leadId);

    /// <summary>
    /// The lead's popularity as the lead grain holds it now: the lead's share of the cell's demand and its rank among
    /// the candidates. Absolute, so a repeated or late report replaces, never adds.
    /// </summary>
    Task ReportPopularityAsync(string leadId, double popularity, DateTimeOffset popularityAsOf);

    /// <summary>Up to <paramref name="max"/> active leads, most popular first.</summary>
    Task<IReadOnlyList<CandidateLead>> GetCandidatesAsync(int max);

    Task<CellStats> GetStatsAsync();

    Task AddMarketDataAsync(IReadOnlyList<MarketObservation> observations);

    /// <summary>The cell's market series (the most recent observations), oldest first: what retraining replays.</summary>
    Task<IReadOnlyList<MarketObservation>> GetMarketDataAsync();
}
