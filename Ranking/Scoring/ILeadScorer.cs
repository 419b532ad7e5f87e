using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Features;

namespace LeadRecs.Ranking.Scoring;

/// <summary>
/// The seam between candidate generation and a model: the baseline heuristic and the trained deep model both
/// score through it. Implementations must be thread-safe; one instance serves every request.
/// </summary>
public interface ILeadScorer
{
    ModelIdentity Model { get; }

    /// <summary>Writes one score per candidate (higher is better) into <paramref name="scores"/>.</summary>
    void Score(UserProfile user, IReadOnlyList<LeadCandidate> candidates, Span<float> scores);
}
