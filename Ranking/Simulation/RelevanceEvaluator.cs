using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Simulation;

/// <summary>
/// The offline relevance measure: the share of a user's top k that their hidden preference calls relevant,
/// averaged over users. Only leads still active at the end count as relevant (recommending a sold house is a
/// miss), and a list shorter than k is scored against k.
/// </summary>
public static class RelevanceEvaluator
{
    /// <param name="recommend">The ranker under test: lead ids for a user, best first.</param>
    public static double RelevantAtK(SimulatedMarket market, Func<SimulatedUser, IReadOnlyList<string>> recommend, int k = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (market.Users.Count == 0)
        {
            return 0;
        }
        var leads = market.Leads.ToDictionary(l => l.Id, StringComparer.Ordinal);
        var total = 0.0;
        foreach (var user in market.Users)
        {
            var hits = recommend(user)
                .Distinct(StringComparer.Ordinal)
                .Take(k)
                .Count(id => leads.TryGetValue(id, out var lead) && lead.Status == LeadStatus.Active && user.HiddenPreference.IsRelevant(lead));
            total += (double)hits / k;
        }
        return total / market.Users.Count;
    }

    /// <summary>The leads a perfect recommender would choose from for <paramref name="user"/> at the end of the period.</summary>
    public static IReadOnlyList<Lead> RelevantActiveLeads(SimulatedMarket market, SimulatedUser user) =>
        market.Leads.Where(l => l.Status == LeadStatus.Active && user.HiddenPreference.IsRelevant(l)).ToList();

    /// <summary>
    /// The ranker that cheats: it reads the hidden preference. Its score is the ceiling any model can reach,
    /// and a test that it scores high shows the ground truth is informative.
    /// </summary>
    public static IReadOnlyList<string> OracleRanking(SimulatedMarket market, SimulatedUser user, int k = 10) =>
        market.Leads
            .Where(l => l.Status == LeadStatus.Active)
            .Select(l => (Lead: l, Affinity: user.HiddenPreference.Affinity(l), Relevant: user.HiddenPreference.IsRelevant(l)))
            .OrderByDescending(x => x.Relevant)
            .ThenByDescending(x => x.Affinity)
            .ThenBy(x => x.Lead.Id, StringComparer.Ordinal)
            .Take(k)
            .Select(x => x.Lead.Id)
            .ToList();
}
