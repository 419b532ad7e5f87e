namespace LeadRecs.Ranking.Evaluation.Reporting;

/// <summary>One row of the report: a model's metrics, how long it took to fit (tuning included) and to score.</summary>
public sealed record ModelResult(
    string Model,
    bool IsBaseline,
    IReadOnlyDictionary<string, double> Metrics,
    double TrainSeconds,
    double ScoreSeconds,
    string Settings);
