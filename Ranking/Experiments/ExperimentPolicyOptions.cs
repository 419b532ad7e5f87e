namespace LeadRecs.Ranking.Experiments;

/// <summary>When an experiment may be decided and on what.</summary>
public sealed record ExperimentPolicyOptions
{
    /// <summary>Impressions each variant needs before any decision; it also keeps early noise from deciding.</summary>
    public long MinimumSamplesPerVariant { get; init; } = 1000;

    /// <summary>Two-sided significance level of the z-test.</summary>
    public double Alpha { get; init; } = 0.05;

    public ExperimentMetric Metric { get; init; } = ExperimentMetric.Conversion;

    public void Validate()
    {
        if (MinimumSamplesPerVariant < 1)
        {
            throw new ArgumentException("MinimumSamplesPerVariant must be at least 1.");
        }
        if (!(Alpha > 0 && Alpha < 1))
        {
            throw new ArgumentException("Alpha must be in (0, 1).");
        }
        if (!Enum.IsDefined(Metric))
        {
            throw new ArgumentException($"Unknown metric {Metric}.");
        }
    }
}
