using System.Diagnostics;
using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Scoring;
using LeadRecs.Ranking.Simulation;
using LeadRecs.Ranking.Training;

namespace LeadRecs.Ranking.Evaluation.Simulated;

/// <summary>
/// The simulated protocol: the deep model trains on the first part of a simulated market's history; then, at
/// the end of the period, every user's candidates are generated as the grains would and ranked by each model
/// (the baseline heuristic, item popularity, the deep model through ONNX Runtime) with
/// <see cref="RecommendationRanker"/>, and <see cref="RelevanceEvaluator.RelevantAtK"/> scores the top k
/// against the hidden preferences, which no model sees.
/// </summary>
public static class SimulatedProtocol
{
    public const string BaselineModel = "baseline";
    public const string PopularityModel = "popularity";
    public const string DeepModel = "deep";
    public const string OracleModel = "oracle (same candidates)";

    public static IReadOnlyList<SimulatedProtocolRow> Run(
        SimulatedProtocolOptions options, IProgress<SimulatedProtocolProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        progress?.Report(new("simulate", 0, "simulating the market"));
        var market = MarketSimulator.Simulate(options.Simulation, cancellationToken: cancellationToken);
        return Run(market, options, progress, cancellationToken);
    }

    /// <summary>The protocol on a market simulated already (<see cref="SimulatedProtocolOptions.Simulation"/> is ignored).</summary>
    public static IReadOnlyList<SimulatedProtocolRow> Run(
        SimulatedMarket market, SimulatedProtocolOptions options, IProgress<SimulatedProtocolProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var history = MarketHistory.From(market);
        var trainEnd = market.Start + (market.End - market.Start) * options.TrainFraction;

        var clock = Stopwatch.StartNew();
        var trainProgress = progress is null ? null : new SyncProgress<LeadModelTrainingProgress>(p =>
            progress.Report(new("train", p.Stage == LeadModelTrainingStage.Training ? p.Fraction : 0, p.Message)));
        var trained = new LeadModelTrainer(options.Trainer).Train(history.Before(trainEnd), trainProgress, cancellationToken);
        var trainingSeconds = clock.Elapsed.TotalSeconds;
        using var deep = new DeepScorer(trained.Artifact);

        progress?.Report(new("rank", 0, "replaying the full history"));
        var features = options.Trainer.TrainingSet.Features;
        var state = new PointInTimeMarket(history, features);
        foreach (var interaction in history.Interactions)
        {
            state.Apply(interaction);
        }
        state.AdvanceTo(market.End);
        var candidates = new SimulatedCandidates(state, options.CandidatesPerCell, options.TrendingCandidates);
        var profiles = market.Users.ToDictionary(u => u.Id, u => state.Profile(u.Id), StringComparer.Ordinal);
        var perUser = market.Users.ToDictionary(u => u.Id, u => candidates.For(profiles[u.Id]), StringComparer.Ordinal);

        var models = new List<(string Name, ILeadScorer Scorer, double Seconds)>
        {
            (BaselineModel, BaselineScorer.Instance, 0),
            (PopularityModel, PopularityScorer.Instance, 0),
            (DeepModel, deep, trainingSeconds),
        };
        if (options.IncludeOracle)
        {
            models.Add((OracleModel, new CandidateOracleScorer(market.Users.ToDictionary(u => u.Id, u => u.HiddenPreference)), 0));
        }

        var rows = new List<SimulatedProtocolRow>();
        for (var m = 0; m < models.Count; m++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (name, scorer, seconds) = models[m];
            progress?.Report(new("rank", (double)m / models.Count, $"ranking with {name}"));
            var relevant = RelevanceEvaluator.RelevantAtK(
                market,
                user => RecommendationRanker.Rank(profiles[user.Id], perUser[user.Id], options.K, scorer).Select(r => r.LeadId).ToList(),
                options.K);
            rows.Add(new SimulatedProtocolRow(name, options.K, relevant, seconds, market.Users.Count));
        }
        progress?.Report(new("rank", 1, "done"));
        return rows;
    }
}
