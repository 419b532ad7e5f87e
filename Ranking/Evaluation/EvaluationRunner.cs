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
/// Each non-baseline model is then compared with the best baseline on the primary metric by a paired sign test
/// over the same users.
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
        var primaryPerCase = new List<double[]>();
        foreach (var model in models)
        {
            var clock = Stopwatch.StartNew();
            double peak;
            using (var memory = new MemoryPeak())
            {
                model.Fit(protocol.Train, context);
                peak = memory.ExtraMegabytes;
            }

            var trainSeconds = clock.Elapsed.TotalSeconds;

            clock.Restart();
            IReadOnlyDictionary<string, double[]> perCase;
            IReadOnlyDictionary<string, double> metrics;
            using (var bar = new ProgressBar(progress, $"{model.Name}: evaluating", protocol.CaseCount, "users"))
            {
                perCase = protocol.EvaluateCases(model, bar, context.Threads, cancellationToken);
                metrics = EvaluationProtocol.Means(perCase);
                bar.Complete(string.Join(", ", protocol.MetricNames.Select(m => $"{m} {metrics[m]:0.0000}")));
            }

            primaryPerCase.Add(perCase[protocol.PrimaryMetric]);
            results.Add(new ModelResult(model.Name, ModelCatalog.IsBaseline(model.Name), metrics, trainSeconds, clock.Elapsed.TotalSeconds, model.Settings, peak));
        }

        return new EvaluationReport(protocol.Name, protocol.Describe(), inputs, seed, protocol.MetricNames, Compare(results, primaryPerCase, protocol.PrimaryMetric))
        {
            PrimaryMetric = protocol.PrimaryMetric,
        };
    }

    private static List<ModelResult> Compare(List<ModelResult> results, List<double[]> primaryPerCase, string primary)
    {
        var baselines = Enumerable.Range(0, results.Count).Where(i => results[i].IsBaseline).ToList();
        if (baselines.Count == 0)
        {
            return results;
        }

        // Ties go to the earlier baseline, so the comparison does not depend on anything but the figures.
        var best = baselines.Aggregate((a, b) => results[b].Metrics[primary] > results[a].Metrics[primary] ? b : a);
        return results.Select((r, i) => r.IsBaseline
            ? r
            : r with { ComparedWith = results[best].Model, Significance = SignTest.Compare(primaryPerCase[i], primaryPerCase[best]) }).ToList();
    }
}
