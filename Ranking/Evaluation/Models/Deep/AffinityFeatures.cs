using System.Buffers;
using LeadRecs.Ranking.Evaluation.Data;

namespace LeadRecs.Ranking.Evaluation.Models.Deep;

/// <summary>
/// "What the user did" features: how close an item is to the user's history in co-occurrence terms, as the log
/// of the summed cosine to the history, the largest cosine and the mean cosine, exact over every history item
/// (<see cref="ItemCooccurrence"/>: no top-k lists, whose membership would depend on the left-out pair itself).
/// A row can leave one pair (user, x) out of the data, which is how training rows are built: a positive x and its
/// negatives all see the user as they were without x, exactly as a held-out item and its competitors will.
/// Each user's sums and maxima over all items are computed once (and kept, while users x items fits in
/// <see cref="MaxCachedValues"/>), so epochs with fresh negatives and scoring only look them up.
/// </summary>
public sealed class AffinityFeatures
{
    public const int Width = 3;

    /// <summary>Largest per-user cache kept (floats; 64M = 256 MB for sums and maxima together).</summary>
    public const long MaxCachedValues = 64L << 20;

    public static readonly IReadOnlyList<string> Names = ["aff.logSum", "aff.max", "aff.mean"];

    private readonly ItemCooccurrence _cooccurrence;
    private readonly UserItemMatrix _train;
    private readonly float[][]? _sums;
    private readonly float[][]? _maxima;

    public AffinityFeatures(ItemCooccurrence cooccurrence, int maxDegreeOfParallelism)
    {
        _cooccurrence = cooccurrence;
        _train = cooccurrence.Train;
        if (2L * _train.UserCount * _train.ItemCount > MaxCachedValues)
        {
            return;
        }

        var sums = new float[_train.UserCount][];
        var maxima = new float[_train.UserCount][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, _train.UserCount, options, () => (Counts: new int[_train.ItemCount], Touched: new List<int>()), (u, _, scratch) =>
        {
            sums[u] = new float[_train.ItemCount];
            maxima[u] = new float[_train.ItemCount];
            _cooccurrence.Scatter(_train.UserItems[u], sums[u], maxima[u], scratch.Counts, scratch.Touched);
            return scratch;
        }, _ => { });
        (_sums, _maxima) = (sums, maxima);
    }

    /// <param name="leftOut">Per row, the item whose pair with the user is left out (-1: none); empty means none.</param>
    public void Write(int user, ReadOnlySpan<int> items, ReadOnlySpan<int> leftOut, Span<float> dense, int stride, int offset)
    {
        var history = _train.UserItems[user];
        if (history.Length == 0)
        {
            for (var r = 0; r < items.Length; r++)
            {
                dense.Slice(r * stride + offset, Width).Clear();
            }

            return;
        }

        float[]? rentedSum = null;
        float[]? rentedMax = null;
        var sum = _sums?[user];
        var max = _maxima?[user];
        try
        {
            if (sum is null || max is null)
            {
                rentedSum = ArrayPool<float>.Shared.Rent(_train.ItemCount);
                rentedMax = ArrayPool<float>.Shared.Rent(_train.ItemCount);
                _cooccurrence.Scatter(history, rentedSum.AsSpan(0, _train.ItemCount), rentedMax.AsSpan(0, _train.ItemCount), new int[_train.ItemCount], []);
                (sum, max) = (rentedSum, rentedMax);
            }

            for (var r = 0; r < items.Length; r++)
            {
                var row = dense.Slice(r * stride + offset, Width);
                var item = items[r];
                var x = r < leftOut.Length ? leftOut[r] : -1;
                if (x < 0 || Array.BinarySearch(history, x) < 0)
                {
                    Fill(row, sum[item], max[item], history.Length);
                }
                else if (x == item)
                {
                    WritePositive(history, item, row);
                }
                else
                {
                    // The left-out x only drops out of the history: the user never had the negative, so no count
                    // between them involves the pair (user, x).
                    var withX = ItemCooccurrence.Cosine(_cooccurrence.CoCount(item, x), _train.ItemCounts[item], _train.ItemCounts[x]);
                    var rowMax = withX > 0 && (float)withX >= max[item] ? MaxWithout(history, item, x) : max[item];
                    Fill(row, Math.Max(sum[item] - withX, 0), rowMax, history.Length - 1);
                }
            }
        }
        finally
        {
            if (rentedSum is not null)
            {
                ArrayPool<float>.Shared.Return(rentedSum);
                ArrayPool<float>.Shared.Return(rentedMax!);
            }
        }
    }

    private static void Fill(Span<float> row, double sum, double max, int historyLength)
    {
        row[0] = (float)Math.Log(1 + sum);
        row[1] = (float)max;
        row[2] = historyLength > 0 ? (float)(sum / historyLength) : 0f;
    }

    /// <summary>The positive itself: its user leaves every count it shares (co-count - 1, item count - 1).</summary>
    private void WritePositive(int[] history, int item, Span<float> row)
    {
        var itemCount = _train.ItemCounts[item] - 1;
        var sum = 0.0;
        var max = 0.0;
        foreach (var h in history)
        {
            if (h != item)
            {
                var s = ItemCooccurrence.Cosine(_cooccurrence.CoCount(item, h) - 1, itemCount, _train.ItemCounts[h]);
                sum += s;
                max = Math.Max(max, s);
            }
        }

        Fill(row, sum, max, history.Length - 1);
    }

    private double MaxWithout(int[] history, int item, int leftOut)
    {
        var max = 0.0;
        foreach (var h in history)
        {
            if (h != leftOut && h != item)
            {
                max = Math.Max(max, ItemCooccurrence.Cosine(_cooccurrence.CoCount(item, h), _train.ItemCounts[item], _train.ItemCounts[h]));
            }
        }

        return max;
    }
}
