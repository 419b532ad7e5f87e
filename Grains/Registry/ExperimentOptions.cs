using LeadRecs.Ranking.Experiments;

namespace LeadRecs.Grains.Registry;

/// <summary>How experiments are judged; bound from "LeadRecs:Experiments".</summary>
public sealed class ExperimentOptions
{
    public const string Section = "LeadRecs:Experiments";

    /// <summary>Promote or roll back the canary as soon as the test is significant (otherwise only report).</summary>
    public bool AutoDecide { get; set; } = true;

    /// <summary>Impressions (leads shown) each variant needs before the test may decide.</summary>
    public long MinimumImpressionsPerVariant { get; set; } = 1000;

    public double Alpha { get; set; } = 0.05;

    /// <summary>Precision@k by default: user grains credit each recommended lead once per list, so it is an exact proportion.</summary>
    public ExperimentMetric Metric { get; set; } = ExperimentMetric.PrecisionAtK;

    /// <summary>How often incoming counts are tested (each look is a chance of a false positive).</summary>
    public TimeSpan EvaluateInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Experiments kept, newest first; older ones are forgotten.</summary>
    public int MaxExperiments { get; set; } = 10;

    public ExperimentPolicy ToPolicy() => new(new ExperimentPolicyOptions
    {
        MinimumSamplesPerVariant = MinimumImpressionsPerVariant,
        Alpha = Alpha,
        Metric = Metric,
    });
}
