using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Simulation;
using LeadRecs.Ranking.Training;

namespace LeadRecs.Microbenchmarks;

/// <summary>
/// What one recommendation request hands the model: a real user's profile and 1,000 real candidates, ordered cell by
/// cell as the user grain gathers them from the geo cell grains, and a model of the demo's shape (the trainer's default
/// 64-32 MLP on the latest feature schema) trained by the project's own trainer on the simulated market. One epoch:
/// latency depends on the model's shape, not on how well it learnt.
/// </summary>
public sealed class ScoringWorkload
{
    public const int CandidateCount = 1000;

    private ScoringWorkload(LeadModelTrainingResult trained, UserProfile user, IReadOnlyList<LeadCandidate> candidates)
    {
        Trained = trained;
        User = user;
        Candidates = candidates;
    }

    public LeadModelTrainingResult Trained { get; }

    public ModelArtifact Artifact => Trained.Artifact;

    public UserProfile User { get; }

    public IReadOnlyList<LeadCandidate> Candidates { get; }

    public static ScoringWorkload Create()
    {
        var market = MarketSimulator.Simulate(new SimulationOptions { Seed = 42, UseKcHouse = false });
        var history = MarketHistory.From(market);
        var trained = new LeadModelTrainer(new LeadModelTrainerOptions
        {
            ModelVersion = "bench",
            Trainer = new LeadModelTrainerOptions().Trainer with { MaxEpochs = 1 },
        }).Train(history);

        var state = new PointInTimeMarket(history);
        foreach (var interaction in history.Interactions)
        {
            state.Apply(interaction);
        }
        state.AdvanceTo(market.End);
        var candidates = Enumerable.Range(0, state.LeadCount)
            .Where(state.IsAvailable)
            .Select(state.Candidate)
            .Take(CandidateCount)
            .OrderBy(c => c.CellId, StringComparer.Ordinal)
            .ToList();
        if (candidates.Count != CandidateCount)
        {
            throw new InvalidOperationException($"The simulated market has {candidates.Count} available leads, not {CandidateCount}.");
        }
        return new ScoringWorkload(trained, state.Profile("user-1"), candidates);
    }
}
