namespace LeadRecs.Ranking.Drift;

/// <summary>
/// Counts, per key feature of a <see cref="FeatureBaseline"/>, how many serving rows fall in each baseline bin, and
/// reports the PSI of those counts against the training shares. Built for the scoring path: thread-safe and lock-free
/// (one <see cref="Interlocked"/> counter per bin), nothing allocated per call, optional sampling of every Nth row.
/// </summary>
/// <remarks>
/// <see cref="Report"/> reads counters one by one while others may be counting, so a report taken under load can mix
/// rows by a few counts; at the row counts a report needs that is noise well below the PSI's own.
/// </remarks>
public sealed class DriftMonitor
{
    private readonly double[][] _edges;
    private readonly int[] _columns;
    private readonly long[][] _counts;
    private readonly int _minWidth;
    private long _rowsSeen;
    private long _rowsSampled;

    public DriftMonitor(FeatureBaseline baseline, DriftMonitorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        baseline.Validate();
        Baseline = baseline;
        Options = options ?? new DriftMonitorOptions();
        Options.Validate();

        _edges = baseline.Features.Select(f => f.Edges.ToArray()).ToArray();
        _columns = baseline.Features.Select(f => f.Column).ToArray();
        _counts = baseline.Features.Select(f => new long[f.BinCount]).ToArray();
        _minWidth = _columns.Length == 0 ? 0 : _columns.Max() + 1;
    }

    public FeatureBaseline Baseline { get; }

    public DriftMonitorOptions Options { get; }

    /// <summary>
    /// Counts the key features of <paramref name="rows"/> dense rows (row-major, <paramref name="width"/> floats each,
    /// the baseline's schema). Only every <see cref="DriftMonitorOptions.SampleEveryNthRow"/>th row is read; NaN is skipped.
    /// </summary>
    public void Observe(ReadOnlySpan<float> denseRows, int rows, int width)
    {
        if (rows <= 0)
        {
            return;
        }
        if (width < _minWidth || denseRows.Length < (long)rows * width)
        {
            throw new ArgumentException($"Rows of width {width} (buffer {denseRows.Length}) cannot hold {rows} rows with column {_minWidth - 1}.");
        }

        // Reserve this call's row numbers, then take those that are multiples of N: uniform whatever the call sizes.
        var every = Options.SampleEveryNthRow;
        var first = Interlocked.Add(ref _rowsSeen, rows) - rows;
        var start = (int)((every - first % every) % every);
        var sampled = 0;
        for (var r = start; r < rows; r += every)
        {
            var row = denseRows.Slice(r * width, width);
            for (var f = 0; f < _columns.Length; f++)
            {
                var bin = FeatureBins.BinOf(_edges[f], row[_columns[f]]);
                if (bin >= 0)
                {
                    Interlocked.Increment(ref _counts[f][bin]);
                }
            }
            sampled++;
        }
        if (sampled > 0)
        {
            Interlocked.Add(ref _rowsSampled, sampled);
        }
    }

    public DriftReport Report()
    {
        var o = Options;
        var features = new FeatureDrift[_counts.Length];
        for (var f = 0; f < _counts.Length; f++)
        {
            var counts = new long[_counts[f].Length];
            for (var b = 0; b < counts.Length; b++)
            {
                counts[b] = Interlocked.Read(ref _counts[f][b]);
            }

            var binning = Baseline.Features[f];
            var observed = counts.Sum();
            var actual = PopulationStability.Shares(counts);
            var psi = observed == 0 ? 0 : PopulationStability.Index(binning.ExpectedShares, actual, o.Epsilon);
            features[f] = new FeatureDrift(
                binning.Name, psi, observed, o.Threshold, observed >= o.MinimumObservations && psi > o.Threshold, binning.ExpectedShares, actual);
        }
        return new DriftReport(Baseline.SchemaVersion, Interlocked.Read(ref _rowsSeen), Interlocked.Read(ref _rowsSampled), features);
    }

    /// <summary>Starts a new window, e.g. after a report was acted on.</summary>
    public void Reset()
    {
        foreach (var counts in _counts)
        {
            for (var b = 0; b < counts.Length; b++)
            {
                Interlocked.Exchange(ref counts[b], 0);
            }
        }
        Interlocked.Exchange(ref _rowsSampled, 0);
        Interlocked.Exchange(ref _rowsSeen, 0);
    }
}
