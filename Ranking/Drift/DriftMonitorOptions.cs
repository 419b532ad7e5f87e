namespace LeadRecs.Ranking.Drift;

/// <summary>How often a <see cref="DriftMonitor"/> samples and when it calls a feature drifted.</summary>
public sealed record DriftMonitorOptions
{
    /// <summary>Count every Nth row observed (1: all). Rows are numbered across calls, so the sample is uniform.</summary>
    public int SampleEveryNthRow { get; init; } = 1;

    /// <summary>PSI above which a feature has drifted; 0.25 is the usual "significant shift".</summary>
    public double Threshold { get; init; } = 0.25;

    /// <summary>
    /// Observations a feature needs before it can be called drifted. With no drift PSI ≈ χ²/n, about
    /// (bins − 1)/n on average: 0.009 for 10 bins at 1,000 rows, but 0.09 at 100, too close to the threshold.
    /// </summary>
    public long MinimumObservations { get; init; } = 1000;

    /// <summary>Share floor for empty bins in the PSI.</summary>
    public double Epsilon { get; init; } = PopulationStability.DefaultEpsilon;

    public void Validate()
    {
        if (SampleEveryNthRow < 1)
        {
            throw new ArgumentException("SampleEveryNthRow must be at least 1.");
        }
        if (!(Threshold > 0) || !double.IsFinite(Threshold))
        {
            throw new ArgumentException("Threshold must be a positive number.");
        }
        if (MinimumObservations < 1)
        {
            throw new ArgumentException("MinimumObservations must be at least 1.");
        }
        if (!(Epsilon > 0 && Epsilon < 1))
        {
            throw new ArgumentException("Epsilon must be in (0, 1).");
        }
    }
}
