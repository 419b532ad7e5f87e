namespace LeadRecs.Ranking.Drift;

/// <summary>
/// What a <see cref="DriftMonitor"/> has seen since it started or was reset: rows seen and sampled, and per key
/// feature the PSI against the training baseline.
/// </summary>
public sealed record DriftReport(string SchemaVersion, long RowsSeen, long RowsSampled, IReadOnlyList<FeatureDrift> Features)
{
    /// <summary>True when any feature has drifted: the retraining trigger.</summary>
    public bool Drifted => Features.Any(f => f.Drifted);
}
