using LeadRecs.UnitTests.Benchmarking;
using System.Diagnostics;
using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Features.Schema;
using LeadRecs.Ranking.Scoring;
using LeadRecs.Ranking.Simulation;
using LeadRecs.Ranking.Training;
using LeadRecs.UnitTests.Model;
using Xunit.Abstractions;

namespace LeadRecs.UnitTests.Training;

/// <summary>
/// What a recommendation request costs in the model: vectorising 1,000 real candidates for a real user and
/// scoring them through ONNX Runtime, with the demo's default model shape (64-32 MLP on the latest schema).
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class DeepScorerBenchmarks(ITestOutputHelper output)
{
    [BenchmarkFact]
    public void Scoring_1000_candidates_for_one_user()
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
        // Cell by cell, as the user grain gathers them from the geo cell grains.
        var candidates = Enumerable.Range(0, state.LeadCount).Where(state.IsAvailable).Select(state.Candidate).Take(1000)
            .OrderBy(c => c.CellId, StringComparer.Ordinal).ToList();
        var user = state.Profile("user-1");
        using var scorer = new DeepScorer(trained.Artifact);
        scorer.Warmup();
        var scores = new float[candidates.Count];
        var vectorizer = scorer.Vectorizer;
        var dense = new float[candidates.Count * vectorizer.DenseWidth];
        var ids = new int[candidates.Count * vectorizer.CategoricalCount];

        var total = Measure(() => scorer.Score(user, candidates, scores), 2000);
        var features = Measure(() => vectorizer.Vectorize(user, candidates, user.AsOf, dense, ids), 2000);
        var ranked = Measure(() => RecommendationRanker.Rank(user, candidates, 10, scorer), 1000);

        output.WriteLine($"{candidates.Count} candidates, schema {vectorizer.Schema}:");
        output.WriteLine($"  DeepScorer.Score (vectorise + ONNX Runtime): median {total.Median:F0} µs, p99 {total.P99:F0} µs");
        output.WriteLine($"  of which vectorising:                      median {features.Median:F0} µs, p99 {features.P99:F0} µs");
        output.WriteLine($"  RecommendationRanker.Rank top 10:           median {ranked.Median:F0} µs, p99 {ranked.P99:F0} µs");
        Assert.Equal(1000, candidates.Count);
    }

    private static (double Median, double P99) Measure(Action action, int runs) => Latency.Measure(action, runs, warmup: 100);
}
