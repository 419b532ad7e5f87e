namespace LeadRecs.Ranking.Evaluation.Reporting;

/// <summary>
/// One row of the report: a model's metrics, how long it took to fit (tuning included) and to score, the peak
/// memory of its fit above what was already in use, and, for a non-baseline model, the paired sign test of its
/// per-user primary metric against the best baseline on that metric (<see cref="ComparedWith"/>).
/// </summary>
public sealed record ModelResult(
    string Model,
    bool IsBaseline,
    IReadOnlyDictionary<string, double> Metrics,
    double TrainSeconds,
    double ScoreSeconds,
    string Settings,
    double PeakMegabytes = double.NaN,
    string? ComparedWith = null,
    SignTestResult? Significance = null);
