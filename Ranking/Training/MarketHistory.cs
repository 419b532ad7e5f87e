using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Simulation;

namespace LeadRecs.Ranking.Training;

/// <summary>
/// The raw record a model is trained from: the lead catalog, the interaction log in time order, and when known
/// the market observations and lead status changes. Only the catalog's static attributes are used; a lead's
/// final <see cref="Lead.Status"/> is later knowledge and is ignored (status comes from <see cref="StatusChanges"/>).
/// </summary>
public sealed record MarketHistory(
    IReadOnlyList<Lead> Leads,
    IReadOnlyList<Interaction> Interactions,
    IReadOnlyList<MarketPoint> MarketPoints,
    IReadOnlyList<LeadStatusChange> StatusChanges,
    string Source = "")
{
    public static MarketHistory From(SimulatedMarket market) => new(
        market.Leads, market.Interactions, market.MarketPoints, market.StatusChanges,
        $"simulated:{market.Source}:seed={market.Options.Seed}");

    /// <summary>
    /// What was on record before <paramref name="end"/>: earlier interactions and status changes, and market
    /// points whose day ended by then (a day's point is an end-of-day figure).
    /// </summary>
    public MarketHistory Before(DateTimeOffset end) => this with
    {
        Interactions = Interactions.Where(i => i.At < end).ToList(),
        StatusChanges = StatusChanges.Where(s => s.At < end).ToList(),
        MarketPoints = MarketPoints.Where(p => PointInTimeMarket.KnownFrom(p.Date) <= end).ToList(),
    };

    /// <summary>The first <paramref name="count"/> interactions and everything else on record before the next one.</summary>
    public MarketHistory Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count >= Interactions.Count)
        {
            return this;
        }
        return Before(Interactions[count].At) with { Interactions = Interactions.Take(count).ToList() };
    }
}
