using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Simulation.Bots;

namespace LeadRecs.Ranking.Fraud.Evaluation;

/// <summary>
/// Runs the fraud filter over a market with injected bots the way the service would see it: the events in time
/// order, posted each <paramref name="batchSeconds"/> of event time by each client as one request, and counts what it
/// caught (bot events flagged: recall) and what it got wrong (people's events flagged: false-positive rate).
/// </summary>
public static class FraudEvaluation
{
    public static FraudEvaluationResult Run(BotMarket market, FraudOptions options, int batchSeconds = 60)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSeconds);
        var interactions = market.Interactions;
        var flags = new InteractionFlags[interactions.Count];
        var screen = new FraudScreen(options);
        var retroactive = new List<RetroactiveFlag>();
        var slice = TimeSpan.TicksPerSecond * batchSeconds;

        var start = 0;
        while (start < interactions.Count)
        {
            var sliceEnd = (interactions[start].At.UtcTicks / slice + 1) * slice;
            var end = start;
            while (end < interactions.Count && interactions[end].At.UtcTicks < sliceEnd)
            {
                end++;
            }
            foreach (var client in Enumerable.Range(start, end - start).GroupBy(i => market.ClientOf(interactions[i].UserId), StringComparer.Ordinal))
            {
                var indices = client.ToArray();
                var verdicts = screen.Screen(indices.Select(i => interactions[i]).ToArray(), client.Key, retroactive);
                for (var j = 0; j < indices.Length; j++)
                {
                    flags[indices[j]] = verdicts[j];
                }
            }
            start = end;
        }

        // What the log ends up with: the flags set at ingestion plus the run-ups flagged once their user was caught.
        var logFlags = flags.ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < interactions.Count; i++)
        {
            if (interactions[i].EventId is { } id)
            {
                index[id] = i;
            }
        }
        foreach (var late in retroactive)
        {
            logFlags[index[late.EventId]] |= late.Flags;
        }
        var people = screen.Users.Where(u => !market.IsBot(u.Key)).Select(u => u.Value).ToList();
        return new FraudEvaluationResult(
            FraudTally.Count(market, flags),
            FraudTally.Count(market, logFlags),
            people.Count == 0 ? 0 : people.Max(u => u.MostLockstepLeads),
            people.Count(u => u.MostLockstepLeads > 0));
    }
}
