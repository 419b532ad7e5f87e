using System.Diagnostics;
using LeadRecs.Ranking.Evaluation.Models;
using LeadRecs.Ranking.Evaluation.Progress;
using LeadRecs.Ranking.Evaluation.Protocols;
using LeadRecs.Ranking.Evaluation.Reporting;

namespace LeadRecs.Ranking.Evaluation;

/// <summary>
/// Fits every model on the protocol's training data and scores it on the protocol's cases, timing both.
/// One validation protocol is carved from the training data (with its own seed) and shared by every model that
/// tunes, so baselines and the deep model are tuned on the same held-out data and never on the test cases.
/// </summary>
public static class EvaluationRunner
{
    public static EvaluationReport Run(
        EvaluationProtocol protocol,
        IReadOnlyList<IRecommender> models,
        IReadOnlyList<string> inputs,
        int seed,
        bool tune,
        TextWriter? progress,
        int maxDegreeOfParallelism = 0,
        CancellationToken cancellationToken = default)
    {
        var validation = tune ? protocol.CarveValidation(seed + 1) : null;
        var context = new FitContext(seed, progress, validation, maxDegreeOfParallelism, cancellationToken);
        var results = new List<ModelResult>();
        foreach (var model in models)
        {
            var clock = Stopwatch.StartNew();
            model.Fit(protocol.Train, context);
            var trainSeconds = clock.Elapsed.TotalSeconds;

            clock.Restart();
            IReadOnlyDictionary<string, double> metrics;
            using (var bar = new ProgressBar(progress, $"{model.Name}: evaluating", protocol.CaseCount, "users"))
            {
                metrics = protocol.Evaluate(model, bar, context.Threads, cancellationToken);
                bar.Complete(string.Join(", ", protocol.MetricNames.Select(m => $"{m} {metrics[m]:0.0000}")));
            }

            results.Add(new ModelResult(model.Name, ModelCatalog.IsBaseline(model.Name), metrics, trainSeconds, clock.Elapsed.TotalSeconds, model.Settings));
        }

        return new EvaluationReport(protocol.Name, protocol.Describe(), inputs, seed, protocol.MetricNames, results);
    }
}
