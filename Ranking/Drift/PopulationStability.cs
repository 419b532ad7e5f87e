namespace LeadRecs.Ranking.Drift;

/// <summary>
/// The population stability index, PSI = Σ (a − e) · ln(a / e) over bins, with e the expected (training) share and a
/// the actual (serving) share of each bin. It is the symmetric Kullback–Leibler divergence of the two histograms, so it
/// is never negative and 0 only when they agree. Usual reading: below 0.1 stable, 0.1–0.25 moderate, above 0.25 shifted.
/// </summary>
public static class PopulationStability
{
    /// <summary>Floor for an empty bin's share, so ln(a/e) stays finite; about one row in ten thousand.</summary>
    public const double DefaultEpsilon = 1e-4;

    /// <summary>
    /// PSI of two share vectors of equal length. Shares below <paramref name="epsilon"/> are raised to it (without
    /// renormalising: the floor only has to keep an empty bin finite and large, not be a probability).
    /// </summary>
    public static double Index(IReadOnlyList<double> expectedShares, IReadOnlyList<double> actualShares, double epsilon = DefaultEpsilon)
    {
        ArgumentNullException.ThrowIfNull(expectedShares);
        ArgumentNullException.ThrowIfNull(actualShares);
        if (expectedShares.Count != actualShares.Count || expectedShares.Count == 0)
        {
            throw new ArgumentException($"Share vectors must have the same, non-zero length; got {expectedShares.Count} and {actualShares.Count}.");
        }
        if (!(epsilon > 0 && epsilon < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), "epsilon must be in (0, 1).");
        }

        var psi = 0.0;
        for (var i = 0; i < expectedShares.Count; i++)
        {
            var e = Math.Max(expectedShares[i], epsilon);
            var a = Math.Max(actualShares[i], epsilon);
            psi += (a - e) * Math.Log(a / e);
        }
        return psi;
    }

    /// <summary>Counts as shares of their total; all zeros when the total is 0.</summary>
    public static double[] Shares(IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var total = counts.Sum();
        return counts.Select(c => total == 0 ? 0 : (double)c / total).ToArray();
    }
}
