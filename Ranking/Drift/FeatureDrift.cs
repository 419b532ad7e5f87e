namespace LeadRecs.Ranking.Drift;

/// <summary>One feature in a <see cref="DriftReport"/>: its PSI against the baseline over <see cref="Observed"/> serving values.</summary>
public sealed record FeatureDrift(
    string Name,
    double Psi,
    long Observed,
    double Threshold,
    bool Drifted,
    IReadOnlyList<double> ExpectedShares,
    IReadOnlyList<double> ActualShares);
