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
        var trainProgress = progress is null ? null : new SyncProgress<LeadModelTrainingProgress>(p =>
            progress.Report(new("train", p.Stage == LeadModelTrainingStage.Training ? p.Fraction : 0, p.Message)));
        using var rankers = SimulatedRankers.Fit(market, MarketHistory.From(market), options, trainProgress, cancellationToken);

        var rows = new List<SimulatedProtocolRow>();
        for (var m = 0; m < rankers.Models.Count; m++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var model = rankers.Models[m];
            progress?.Report(new("rank", (double)m / rankers.Models.Count, $"ranking with {model.Name}"));
            var relevant = RelevanceEvaluator.RelevantAtK(market, user => rankers.Recommend(model, user.Id), options.K);
            rows.Add(new SimulatedProtocolRow(model.Name, options.K, relevant, model.TrainingSeconds, market.Users.Count));
        }
        progress?.Report(new("rank", 1, "done"));
        return rows;
    }
}
