using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Scoring;

namespace LeadRecs.Ranking.Evaluation.Simulated;

/// <summary>Item popularity (decayed interaction weight) over the same candidates: the non-personal baseline.</summary>
public sealed class PopularityScorer : ILeadScorer
{
    public static readonly PopularityScorer Instance = new();

    public ModelIdentity Model { get; } = new("popularity", "1");

    public void Score(UserProfile user, IReadOnlyList<LeadCandidate> candidates, Span<float> scores)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            scores[i] = (float)candidates[i].Popularity;
        }
    }
}
