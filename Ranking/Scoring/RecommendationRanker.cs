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

        var scores = new float[eligible.Count];
        scorer.Score(user, eligible, scores);

        var top = Math.Min(k, eligible.Count);
        var best = BestIndexes(scores, top);
        // Ties break by lead id so that every silo ranks the same input the same way.
        best.Sort((a, b) =>
        {
            var byScore = scores[b].CompareTo(scores[a]);
            return byScore != 0 ? byScore : string.CompareOrdinal(eligible[a].LeadId, eligible[b].LeadId);
        });

        var ranked = new RankedLead[top];
        for (var r = 0; r < top; r++)
        {
            var index = best[r];
            ranked[r] = new RankedLead(eligible[index].LeadId, r + 1, scores[index]);
        }
        return ranked;
    }

    /// <summary>
    /// The indexes of every score at or above the <paramref name="top"/>-th best (ties with it included, so the
    /// tie-break still decides among them). Only these are sorted by the comparison above: finding the threshold is a
    /// primitive sort of a copy, cheaper than ordering every candidate through a delegate.
    /// </summary>
    private static List<int> BestIndexes(ReadOnlySpan<float> scores, int top)
    {
        var sorted = scores.ToArray();
        Array.Sort(sorted);
        var threshold = sorted[^top];
        var best = new List<int>(top + 8);
        for (var i = 0; i < scores.Length; i++)
        {
            // A NaN threshold (a model that answered NaN for some leads) keeps everything: the comparison orders NaN last.
            if (scores[i] >= threshold || float.IsNaN(threshold))
            {
                best.Add(i);
            }
        }
        return best;
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
