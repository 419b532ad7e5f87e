namespace LeadRecs.Ranking.Evaluation.Reporting;

/// <summary>Everything a run produced: what was evaluated, how, and every model's row. Serialised by <c>--json</c>.</summary>
public sealed record EvaluationReport(
    string Protocol,
    string Description,
    IReadOnlyList<string> Inputs,
    int Seed,
    IReadOnlyList<string> MetricNames,
    IReadOnlyList<ModelResult> Results)
{
    /// <summary>The metric tuning maximised and the sign test compares (the first metric when not set).</summary>
    public string? PrimaryMetric { get; init; }
}
