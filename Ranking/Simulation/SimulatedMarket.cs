using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Simulation;

/// <summary>The outcome of a simulation run.</summary>
/// <param name="Source">"kc-house" when leads came from the King County file, "synthetic" otherwise.</param>
/// <param name="Leads">Every lead as it stands at the end: listing date and final status (see <paramref name="StatusChanges"/>).</param>
/// <param name="Interactions">Views, clicks and inquiries ordered by time, all within [Start, End).</param>
/// <param name="MarketPoints">Per geo cell (default zoom) and day, ordered by date then cell id.</param>
/// <param name="StatusChanges">When leads went pending, closed or back to active, ordered by time.</param>
public sealed record SimulatedMarket(
    SimulationOptions Options,
    string Source,
    IReadOnlyList<Lead> Leads,
    IReadOnlyList<SimulatedUser> Users,
    IReadOnlyList<Interaction> Interactions,
    IReadOnlyList<MarketPoint> MarketPoints,
    IReadOnlyList<LeadStatusChange> StatusChanges)
{
    public DateTimeOffset Start => Options.Start;

    public DateTimeOffset End => Options.Start.AddDays(Options.Days);
}
