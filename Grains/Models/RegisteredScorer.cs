using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Scoring;

namespace LeadRecs.Grains.Models;

/// <summary>
/// A loaded model as the registry knows it: its identity is the registry's model name and version (an uploaded
/// model's manifest may name itself otherwise), so caches, responses and metrics all speak of registry versions.
/// </summary>
public sealed class RegisteredScorer(string modelName, string version, string sha256, DeepScorer model) : ILeadScorer
{
    public ModelIdentity Model { get; } = new(modelName, version);

    public string Sha256 { get; } = sha256;

    public DeepScorer Inner { get; } = model;

    public void Score(UserProfile user, IReadOnlyList<LeadCandidate> candidates, Span<float> scores) =>
        Inner.Score(user, candidates, scores);
}
