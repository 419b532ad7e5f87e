using LeadRecs.Ranking.Evaluation.Data;

namespace LeadRecs.Ranking.Evaluation.Models.Deep;

/// <summary>
/// "What was popular when the user was last active", when the data has timestamps: how many users took the item in
/// the windows before the user's "now" (log), and its share of everything taken in the long window relative to the
/// average item. Windows are fractions of the data's time span, so any timestamp unit works. "Now" is the time of
/// the user's last interaction before the row: for scoring, their last training interaction; for a training
/// positive, the interaction just before it (and its own interaction is not counted), so nothing after "now" is
/// ever used: point-in-time, as a live system would see it.
/// </summary>
public sealed class TrendFeatures
{
    public const int Width = 3;

    public static readonly IReadOnlyList<string> Names = ["trend.logShort", "trend.logLong", "trend.logShareLong"];

    private readonly UserItemMatrix _train;
    private readonly long[][] _itemTimes;
    private readonly long[] _allTimes;
    private readonly long _short;
    private readonly long _long;

    public TrendFeatures(UserItemMatrix train, double shortFraction, double longFraction)
    {
        _train = train;
        var sequences = train.Sequences ?? throw new ArgumentException("Trend features need timestamps.", nameof(train));
        var times = train.SequenceTimes!;
        var lists = new List<long>[train.ItemCount];
        for (var i = 0; i < lists.Length; i++)
        {
            lists[i] = [];
        }

        for (var u = 0; u < sequences.Length; u++)
        {
            for (var k = 0; k < sequences[u].Length; k++)
            {
                lists[sequences[u][k]].Add(times[u][k]);
            }
        }

        _itemTimes = lists.Select(l => l.Order().ToArray()).ToArray();
        _allTimes = _itemTimes.SelectMany(t => t).Order().ToArray();
        var span = _allTimes.Length == 0 ? 0 : _allTimes[^1] - _allTimes[0];
        _short = Math.Max(1, (long)(span * shortFraction));
        _long = Math.Max(1, (long)(span * longFraction));
    }

    /// <param name="contextEnd">Per row, how much of the user's time-ordered history precedes it; empty means all.</param>
    /// <param name="leftOut">Per row, the item whose pair with the user is left out (-1: none); empty means none.</param>
    public void Write(int user, ReadOnlySpan<int> items, ReadOnlySpan<int> leftOut, ReadOnlySpan<int> contextEnd, Span<float> dense, int stride, int offset)
    {
        var sequence = _train.Sequences![user];
        var times = _train.SequenceTimes![user];
        for (var r = 0; r < items.Length; r++)
        {
            var row = dense.Slice(r * stride + offset, Width);
            var end = r < contextEnd.Length ? contextEnd[r] : sequence.Length;
            var item = items[r];
            // With no earlier interaction, "now" is the row's own time (a training positive) or unknown (zeros).
            var isPositive = r < leftOut.Length && leftOut[r] == item;
            long now;
            if (end > 0)
            {
                now = times[end - 1];
            }
            else if (isPositive && sequence.Length > 0 && sequence[0] == item)
            {
                now = times[0];
            }
            else
            {
                row.Clear();
                continue;
            }

            var own = isPositive && end < sequence.Length && sequence[end] == item ? times[end] : long.MinValue;
            var shortCount = Count(_itemTimes[item], now - _short, now) - (own > now - _short && own <= now ? 1 : 0);
            var longCount = Count(_itemTimes[item], now - _long, now) - (own > now - _long && own <= now ? 1 : 0);
            var longTotal = Count(_allTimes, now - _long, now);
            row[0] = MathF.Log(1 + shortCount);
            row[1] = MathF.Log(1 + longCount);
            row[2] = longTotal > 0 ? (float)Math.Log(1 + longCount * (double)_train.ItemCount / longTotal) : 0f;
        }
    }

    /// <summary>Entries of a sorted array in (from, to].</summary>
    private static int Count(long[] sorted, long from, long to) => UpperBound(sorted, to) - UpperBound(sorted, from);

    private static int UpperBound(long[] sorted, long value)
    {
        var (lo, hi) = (0, sorted.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
