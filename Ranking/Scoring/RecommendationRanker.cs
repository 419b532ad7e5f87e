using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Features;

namespace LeadRecs.Ranking.Scoring;

/// <summary>
/// Turns candidates into a top-k list: drops duplicates, inactive leads and leads the user already inquired
/// about (they are in contact; recommending them again wastes a slot), scores the rest with the given model
/// and keeps the best k.
/// </summary>
public static class RecommendationRanker
{
    public static IReadOnlyList<RankedLead> Rank(
        UserProfile user, IEnumerable<LeadCandidate> candidates, int k, ILeadScorer scorer)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var eligible = Eligible(user, candidates);
        if (eligible.Count == 0)
        {
            return [];
        }

        var scores = eligible.Count <= 1024 ? stackalloc float[eligible.Count] : new float[eligible.Count];
        scorer.Score(user, eligible, scores);

        // Ties break by lead id so that every silo ranks the same input the same way.
        var order = new int[eligible.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        var scoreCopy = scores.ToArray();
        Array.Sort(order, (a, b) =>
        {
            var byScore = scoreCopy[b].CompareTo(scoreCopy[a]);
            return byScore != 0 ? byScore : string.CompareOrdinal(eligible[a].LeadId, eligible[b].LeadId);
        });

        var top = Math.Min(k, order.Length);
        var ranked = new RankedLead[top];
        for (var r = 0; r < top; r++)
        {
            var index = order[r];
            ranked[r] = new RankedLead(eligible[index].LeadId, r + 1, scoreCopy[index]);
        }
        return ranked;
    }

    private static List<LeadCandidate> Eligible(UserProfile user, IEnumerable<LeadCandidate> candidates)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var eligible = new List<LeadCandidate>();
        foreach (var candidate in candidates)
        {
            if (candidate.Status != LeadStatus.Active
                || !double.IsFinite(candidate.Price)
                || user.RecentLeads.TryGetValue(candidate.LeadId, out var deepest) && deepest == InteractionKind.Inquiry
                || !seen.Add(candidate.LeadId))
            {
                continue;
            }
            eligible.Add(candidate);
        }
        return eligible;
    }
}
