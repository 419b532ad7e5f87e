namespace LeadRecs.Ranking.Drift;

/// <summary>
/// The binning of one dense feature in a <see cref="FeatureBaseline"/>: <see cref="Edges"/> strictly increasing,
/// bins right-closed, (−∞, e0], (e0, e1], …, (e_last, +∞), so there is one more bin than edges, and the share of the
/// training rows that fell in each.
/// </summary>
/// <param name="Column">The feature's column in a dense row of the baseline's schema version.</param>
public sealed record FeatureBins(string Name, int Column, IReadOnlyList<double> Edges, IReadOnlyList<double> ExpectedShares)
{
    public int BinCount => ExpectedShares.Count;

    /// <summary>The bin of <paramref name="value"/>: the number of edges strictly below it. NaN has no bin (-1).</summary>
    public int BinOf(double value) => BinOf(Edges as double[] ?? [.. Edges], value);

    /// <summary>The same over bare edges: also what <see cref="DriftMonitor"/> runs for every sampled row.</summary>
    internal static int BinOf(ReadOnlySpan<double> edges, double value)
    {
        if (double.IsNaN(value))
        {
            return -1;
        }

        var bin = 0;
        while (bin < edges.Length && edges[bin] < value)
        {
            bin++;
        }
        return bin;
    }

    /// <summary>A description of the first structural problem, or null when the binning is usable.</summary>
    internal string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Name) || Column < 0 || Edges is null || ExpectedShares is null)
        {
            return "needs a name, a column >= 0, edges and shares";
        }
        if (ExpectedShares.Count != Edges.Count + 1)
        {
            return $"has {Edges.Count} edges and {ExpectedShares.Count} shares; there must be one share more than edges";
        }
        for (var i = 0; i < Edges.Count; i++)
        {
            if (!double.IsFinite(Edges[i]) || (i > 0 && Edges[i] <= Edges[i - 1]))
            {
                return "edges must be finite and strictly increasing";
            }
        }
        if (ExpectedShares.Any(s => !double.IsFinite(s) || s < 0) || Math.Abs(ExpectedShares.Sum() - 1) > 1e-6)
        {
            return "shares must be non-negative and sum to 1";
        }
        return null;
    }
}
