using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Scoring;
using LeadRecs.Ranking.Simulation;

namespace LeadRecs.Ranking.Evaluation.Simulated;

/// <summary>
/// Reads each user's hidden preference: relevant leads first, then by affinity. Over the same candidates as the
/// real models it measures the ceiling candidate generation leaves them, not a model anyone could build.
/// </summary>
internal sealed class CandidateOracleScorer(IReadOnlyDictionary<string, HiddenPreference> preferences) : ILeadScorer
{
    public ModelIdentity Model { get; } = new("oracle (same candidates)", "1");

    public void Score(UserProfile user, IReadOnlyList<LeadCandidate> candidates, Span<float> scores)
    {
        // Someone without a hidden preference (a newcomer, a bot) has nothing relevant to the oracle.
        if (!preferences.TryGetValue(user.UserId, out var preference))
        {
            scores[..candidates.Count].Clear();
            return;
        }
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            var lead = new Lead(c.LeadId, c.Lat, c.Lon, c.Price, c.Kind, c.Bedrooms, c.AreaSqm, c.ListedAt, c.Status);
            scores[i] = (float)((preference.IsRelevant(lead) ? 1 : 0) + preference.Affinity(lead));
        }
    }
}
