namespace LeadRecs.Ranking.Evaluation.Progress;

/// <summary>
/// Samples the process's working set every 50 ms while it lives and reports the peak above the level at the
/// start (after a full collection): roughly what one fit needed on top of the data already loaded. Sampling can
/// miss a spike shorter than the interval, so it is a lower bound on the true peak.
/// </summary>
public sealed class MemoryPeak : IDisposable
{
    private readonly long _start;
    private readonly Timer _timer;
    private long _peak;

    public MemoryPeak()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        _start = Environment.WorkingSet;
        _peak = _start;
        _timer = new Timer(_ => Sample(), null, 0, 50);
    }

    /// <summary>Peak working set above the start, in MiB (sampled once more now).</summary>
    public double ExtraMegabytes
    {
        get
        {
            Sample();
            return Math.Max(0, Interlocked.Read(ref _peak) - _start) / (1024.0 * 1024.0);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var now = Environment.WorkingSet;
        long seen;
        do
        {
            seen = Interlocked.Read(ref _peak);
        }
        while (now > seen && Interlocked.CompareExchange(ref _peak, now, seen) != seen);
    }
}
