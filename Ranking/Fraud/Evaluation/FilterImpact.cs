using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Simulation;
using LeadRecs.Ranking.Simulation.Bots;

namespace LeadRecs.Ranking.Fraud.Evaluation;

/// <summary>
/// What bots do to people's recommendations, and what the filter gives back: the ranker learnt from people's events
/// only (<see cref="Clean"/>, what a perfect filter gives), from everything (<see cref="WithBots"/>), and from what
/// the filter left in the log (<see cref="Filtered"/>; run-ups flagged retroactively are out), and optionally from what
/// it left at ingestion (<see cref="FilteredAtIngestion"/>; run-ups still in).
/// </summary>
public sealed record FilterImpact(RankingQuality Clean, RankingQuality WithBots, RankingQuality Filtered, RankingQuality? FilteredAtIngestion)
{
    /// <summary>
    /// Fits a ranker on each event set and scores it. <paramref name="fit"/> turns the events a model may learn from into
    /// a ranker (lead ids for a user id, best first); the default replays the service's baseline. A trained model plugs
    /// in here: fit it on the given events (the simulated protocol's training set) and return its ranking.
    /// </summary>
    public static FilterImpact Measure(
        BotMarket market,
        IReadOnlyList<InteractionFlags> flags,
        IReadOnlyList<InteractionFlags>? ingestionFlags = null,
        Func<SimulatedMarket, IReadOnlyList<Interaction>, Func<string, IReadOnlyList<string>>>? fit = null,
        int k = 10)
    {
        fit ??= (m, events) =>
        {
            var replay = new BaselineReplay(m.Leads, events, m.End);
            return userId => replay.Recommend(userId, k);
        };
        RankingQuality Kept(IReadOnlyList<InteractionFlags> f) =>
            RankingQuality.Measure(market, fit(market.Market, market.Interactions.Where((_, i) => f[i] == InteractionFlags.None).ToList()), k);
        return new FilterImpact(
            RankingQuality.Measure(market, fit(market.Market, market.Market.Interactions), k),
            RankingQuality.Measure(market, fit(market.Market, market.Interactions), k),
            Kept(flags),
            ingestionFlags is null ? null : Kept(ingestionFlags));
    }
}

/// <summary>How good a ranker is for the market's people, and how much of it the bots' promoted leads took.</summary>
/// <param name="RelevantAtK">Relevance@k over the people (<see cref="RelevanceEvaluator.RelevantAtK"/>).</param>
/// <param name="PromotedShare">Share of people's top-k slots that went to the leads bots were pushing.</param>
/// <param name="NewUserPromotedShare">The same for a user with no history (the popularity ranking everyone starts with).</param>
public sealed record RankingQuality(double RelevantAtK, double PromotedShare, double NewUserPromotedShare)
{
    public const string NewUserId = "new-user-without-history";

    public static RankingQuality Measure(BotMarket market, Func<string, IReadOnlyList<string>> recommend, int k)
    {
        var promoted = market.PromotedLeads.ToHashSet(StringComparer.Ordinal);
        var slots = 0L;
        var promotedSlots = 0L;
        var relevant = RelevanceEvaluator.RelevantAtK(market.Market, user =>
        {
            var items = recommend(user.Id);
            slots += k;
            promotedSlots += items.Take(k).Count(promoted.Contains);
            return items;
        }, k);
        var fresh = recommend(NewUserId).Take(k).Count(promoted.Contains);
        return new RankingQuality(relevant, slots == 0 ? 0 : (double)promotedSlots / slots, (double)fresh / k);
    }
}
