using System.Globalization;
using LeadRecs.Ranking.Data;
using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Simulation;

/// <summary>
/// A deterministic synthetic market: leads (from kc-house or a synthetic city), users with hidden preferences,
/// a month (or any span) of views, clicks and inquiries, sales, and price trends per geo cell. The same options
/// always give the same market, so it is the ground truth relevance is measured against.
/// </summary>
public static class MarketSimulator
{
    public static SimulatedMarket Simulate(
        SimulationOptions options, IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        options = options with { Start = options.Start.ToUniversalTime() };

        var leads = MarketLeads.Create(options, out var source);
        var listed = leads.Select(l => l.Lead).ToList();
        var users = PreferenceGenerator.Create(options, listed, new LeadGrid(listed));
        var browsing = new DailyBrowsing(options, leads);
        var aggregator = new MarketPointAggregator(leads);
        var eventIdPrefix = "sim-" + Fingerprint(options, source) + "-";

        var interactions = new List<Interaction>();
        var statusChanges = new List<LeadStatusChange>();
        var marketPoints = new List<MarketPoint>();
        var today = new List<RawEvent>();
        for (var day = 0; day < options.Days; day++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var dayStart = options.Start.AddDays(day);
            LeadLifecycle.Advance(options.Seed, day, dayStart, leads, statusChanges);
            browsing.BeginDay(day, dayStart);
            today.Clear();
            for (var u = 0; u < users.Count; u++)
            {
                browsing.Browse(users[u], u, today);
            }
            today.Sort();
            foreach (var e in today)
            {
                interactions.Add(new Interaction(
                    users[e.User].User.Id,
                    listed[e.Lead].Id,
                    e.Kind,
                    new DateTimeOffset(e.Ticks, TimeSpan.Zero),
                    EventId: eventIdPrefix + (interactions.Count + 1).ToString(CultureInfo.InvariantCulture)));
            }
            if (day % options.MarketIntervalDays == 0)
            {
                aggregator.Emit(day, dayStart, marketPoints);
            }
            progress?.Report(new SimulationProgress(day + 1, options.Days, interactions.Count));
        }

        return new SimulatedMarket(
            options,
            source,
            leads.Select(l => l.Lead with { Status = l.Status }).ToList(),
            users.Select(u => u.User).ToList(),
            interactions,
            marketPoints,
            statusChanges);
    }

    /// <summary>
    /// Event ids are stable for the same options and differ for different ones, so re-seeding a durable log
    /// with the same market is a no-op while a different market is not mistaken for a retry.
    /// </summary>
    private static string Fingerprint(SimulationOptions options, string source)
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{options.Seed}|{options.LeadCount}|{options.UserCount}|{options.Days}|{options.ViewsPerUserPerDay:R}|{options.Start.UtcTicks}|{source}");
        return (StableHash.Fnv1a(text) & 0xFFFF_FFFF).ToString("x8", CultureInfo.InvariantCulture);
    }
}
