namespace LeadRecs.Ranking.Experiments;

/// <summary>
/// What to do with a canary, why (a sentence for the admin API and logs), the z-test behind it (null until both
/// variants have impressions) and each variant's Wilson interval of the metric.
/// </summary>
public sealed record ExperimentDecision(
    ExperimentOutcome Outcome,
    string Reason,
    ExperimentMetric Metric,
    ZTestResult? Test,
    VariantCounts Control,
    VariantCounts Canary,
    WilsonInterval ControlInterval,
    WilsonInterval CanaryInterval);
