using LeadRecs.Ranking.Evaluation.Data;

namespace LeadRecs.Ranking.Evaluation.Models.Deep;

/// <summary>
/// "What the user did last" features, when the data has timestamps: the co-occurrence cosine of the item with the
/// user's most recent items (the largest over the last <see cref="Window"/>, their mean, and the very last one).
/// Each row has its own point in the user's sequence: a training positive sees only the items before it (and its
/// negatives share that context), while scoring sees the whole training history, which is all before the held-out
/// item. The positive itself also takes its user out of its co-counts, as <see cref="AffinityFeatures"/> does.
/// Co-counts are exact (<see cref="ItemCooccurrence"/>), not read off top-k lists.
/// </summary>
public sealed class RecencyFeatures(ItemCooccurrence cooccurrence, UserItemMatrix train, int window)
{
    public const int Width = 3;

    public static readonly IReadOnlyList<string> Names = ["recent.max", "recent.mean", "recent.last"];

    public int Window => window;

    /// <param name="contextEnd">Per row, how many of the user's sequence items precede it; empty means all of them.</param>
    /// <param name="leftOut">Per row, the item whose pair with the user is left out (-1: none); empty means none.</param>
    public void Write(int user, ReadOnlySpan<int> items, ReadOnlySpan<int> leftOut, ReadOnlySpan<int> contextEnd, Span<float> dense, int stride, int offset)
    {
        var sequence = train.Sequences![user];
        for (var r = 0; r < items.Length; r++)
        {
            var row = dense.Slice(r * stride + offset, Width);
            row.Clear();
            var end = r < contextEnd.Length ? contextEnd[r] : sequence.Length;
            var start = Math.Max(0, end - window);
            if (end <= start)
            {
                continue;
            }

            var item = items[r];
            // Only the positive's own counts include the left-out pair; its negatives were never the user's.
            var leaveOut = r < leftOut.Length && leftOut[r] == item ? 1 : 0;
            var itemCount = train.ItemCounts[item] - leaveOut;
            var max = 0.0;
            var sum = 0.0;
            var lastCosine = 0.0;
            for (var k = start; k < end; k++)
            {
                var h = sequence[k];
                var coCount = cooccurrence.CoCount(item, h) - leaveOut;
                var cosine = coCount > 0 && itemCount > 0 ? coCount / Math.Sqrt((double)itemCount * train.ItemCounts[h]) : 0.0;
                max = Math.Max(max, cosine);
                sum += cosine;
                lastCosine = cosine;
            }

            row[0] = (float)max;
            row[1] = (float)(sum / (end - start));
            row[2] = (float)lastCosine;
        }
    }
}
