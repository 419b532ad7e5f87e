using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Evaluation.Models;
using LeadRecs.Ranking.Evaluation.Progress;

namespace LeadRecs.Ranking.Evaluation.Protocols;

/// <summary>
/// A way of judging recommenders: the training data every model fits on, the held-out cases and their metrics.
/// <see cref="CarveValidation"/> builds the same kind of protocol from the training data alone, which is where
/// hyper-parameters are tuned, so no model ever sees the test cases before it is scored on them.
/// </summary>
public abstract class EvaluationProtocol
{
    public abstract string Name { get; }

    public abstract UserItemMatrix Train { get; }

    public abstract IReadOnlyList<string> MetricNames { get; }

    /// <summary>The metric tuning maximises.</summary>
    public abstract string PrimaryMetric { get; }

    public abstract int CaseCount { get; }

    /// <summary>Every metric's mean over the cases.</summary>
    public IReadOnlyDictionary<string, double> Evaluate(IRecommender model, ProgressBar? progress, int maxDegreeOfParallelism, CancellationToken cancellationToken) =>
        Means(EvaluateCases(model, progress, maxDegreeOfParallelism, cancellationToken));

    /// <summary>
    /// Every metric per case (user), in case order: what a paired significance test between two models compares.
    /// </summary>
    public abstract IReadOnlyDictionary<string, double[]> EvaluateCases(IRecommender model, ProgressBar? progress, int maxDegreeOfParallelism, CancellationToken cancellationToken);

    /// <summary>Means summed in case order, not completion order, so the figures are identical run to run.</summary>
    public static IReadOnlyDictionary<string, double> Means(IReadOnlyDictionary<string, double[]> perCase) =>
        perCase.ToDictionary(p => p.Key, p => p.Value.Length == 0 ? double.NaN : p.Value.Sum() / p.Value.Length);

    public abstract EvaluationProtocol CarveValidation(int seed);

    /// <summary>The same protocol on at most <paramref name="maxCases"/> evenly spaced cases (cheaper checks while tuning).</summary>
    public abstract EvaluationProtocol Subsample(int maxCases);

    protected static T[] EvenlySpaced<T>(IReadOnlyList<T> cases, int maxCases) =>
        cases.Count <= maxCases
            ? [.. cases]
            : Enumerable.Range(0, maxCases).Select(k => cases[(int)((long)k * cases.Count / maxCases)]).ToArray();

    /// <summary>One line for the report: what was held out and how it is ranked.</summary>
    public abstract string Describe();
}
