using LeadRecs.Grains.Interfaces.Models;

namespace LeadRecs.Grains.Models;

/// <summary>
/// This silo's experiment counts since the last flush. User grains add to it on every answer and every attributed
/// feedback event; <see cref="ModelHostService"/> sends the totals to the experiment grain every couple of seconds,
/// so no request waits on that grain and it sees one call per silo per flush. One short lock: the adds are a few
/// nanoseconds, and it makes a drain exact (no count lands in a dictionary already taken).
/// </summary>
public sealed class ExperimentTally
{
    private readonly Lock _lock = new();
    private Dictionary<(string Experiment, string Variant, string Version), long[]> _counts = [];

    private const int Impressions = 0, Clicks = 1, Inquiries = 2, Hits = 3;

    public void RecordImpressions(string experiment, string variant, string version, int leads)
    {
        lock (_lock)
        {
            For(experiment, variant, version)[Impressions] += leads;
        }
    }

    public void RecordFeedback(string experiment, string variant, string version, bool click, bool inquiry, bool hit)
    {
        lock (_lock)
        {
            var counts = For(experiment, variant, version);
            counts[Clicks] += click ? 1 : 0;
            counts[Inquiries] += inquiry ? 1 : 0;
            counts[Hits] += hit ? 1 : 0;
        }
    }

    /// <summary>Takes the counts gathered so far and starts from zero.</summary>
    public IReadOnlyList<VariantTally> Drain()
    {
        Dictionary<(string Experiment, string Variant, string Version), long[]> taken;
        lock (_lock)
        {
            (taken, _counts) = (_counts, []);
        }
        return taken
            .Select(e => new VariantTally(e.Key.Experiment, e.Key.Variant, e.Key.Version, e.Value[Impressions], e.Value[Clicks], e.Value[Inquiries], e.Value[Hits]))
            .ToArray();
    }

    private long[] For(string experiment, string variant, string version)
    {
        if (!_counts.TryGetValue((experiment, variant, version), out var counts))
        {
            _counts[(experiment, variant, version)] = counts = new long[4];
        }
        return counts;
    }
}
