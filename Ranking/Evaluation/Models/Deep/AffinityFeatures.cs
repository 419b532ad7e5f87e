using System.Buffers;
using LeadRecs.Ranking.Evaluation.Data;

namespace LeadRecs.Ranking.Evaluation.Models.Deep;

/// <summary>
/// "What the user did" features: how close an item is to the user's history in co-occurrence terms, as the log
/// of the summed cosine to the history, the largest cosine and the mean cosine (over <see cref="ItemNeighbours"/>).
/// A row can leave one pair (user, x) out of the data, which is how training rows are built: a positive x and its
/// negatives all see the user as they were without x, exactly as a held-out item and its competitors will.
/// </summary>
public sealed class AffinityFeatures(ItemNeighbours neighbours, UserItemMatrix train)
{
    public const int Width = 3;

    public static readonly IReadOnlyList<string> Names = ["aff.logSum", "aff.max", "aff.mean"];

    /// <param name="leftOut">Per row, the item whose pair with the user is left out (-1: none); empty means none.</param>
    public void Write(int user, ReadOnlySpan<int> items, ReadOnlySpan<int> leftOut, Span<float> dense, int stride, int offset)
    {
        var history = train.UserItems[user];
        if (history.Length == 0)
        {
            for (var r = 0; r < items.Length; r++)
            {
                dense.Slice(r * stride + offset, Width).Clear();
            }

            return;
        }

        // Scatter the whole history's neighbours once per user; rows then look up and, when they leave an item
        // out, subtract its share (recomputing the maximum only when the left-out item held it).
        var sum = ArrayPool<float>.Shared.Rent(train.ItemCount);
        var max = ArrayPool<float>.Shared.Rent(train.ItemCount);
        Array.Clear(sum, 0, train.ItemCount);
        Array.Clear(max, 0, train.ItemCount);
        try
        {
            foreach (var h in history)
            {
                var list = neighbours.Items[h];
                var counts = neighbours.CoCounts[h];
                for (var n = 0; n < list.Length; n++)
                {
                    var j = list[n];
                    var s = Cosine(counts[n], train.ItemCounts[j], train.ItemCounts[h]);
                    sum[j] += (float)s;
                    max[j] = Math.Max(max[j], (float)s);
                }
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
                    // The left-out x only drops out of the history; every other count is untouched by the pair (user, x).
                    var withX = Cosine(neighbours.CoCount(item, x), train.ItemCounts[item], train.ItemCounts[x]);
                    var rowMax = withX > 0 && (float)withX >= max[item] ? MaxWithout(history, item, x) : max[item];
                    Fill(row, Math.Max(sum[item] - withX, 0), rowMax, history.Length - 1);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(sum);
            ArrayPool<float>.Shared.Return(max);
        }
    }

    private static void Fill(Span<float> row, double sum, double max, int historyLength)
    {
        row[0] = (float)Math.Log(1 + sum);
        row[1] = (float)max;
        row[2] = historyLength > 0 ? (float)(sum / historyLength) : 0f;
    }

    private static double Cosine(int coCount, int countA, int countB) =>
        coCount > 0 && countA > 0 && countB > 0 ? coCount / Math.Sqrt((double)countA * countB) : 0;

    /// <summary>The positive itself: its user leaves every count it shares (co-count - 1, item count - 1).</summary>
    private void WritePositive(int[] history, int item, Span<float> row)
    {
        var itemCount = train.ItemCounts[item] - 1;
        var sum = 0.0;
        var max = 0.0;
        var list = neighbours.Items[item];
        var counts = neighbours.CoCounts[item];
        for (var n = 0; n < list.Length; n++)
        {
            if (Array.BinarySearch(history, list[n]) >= 0)
            {
                var s = Cosine(counts[n] - 1, itemCount, train.ItemCounts[list[n]]);
                sum += s;
                max = Math.Max(max, s);
            }
        }

        Fill(row, sum, max, history.Length - 1);
    }

    private double MaxWithout(int[] history, int item, int leftOut)
    {
        var max = 0.0;
        var list = neighbours.Items[item];
        var counts = neighbours.CoCounts[item];
        for (var n = 0; n < list.Length; n++)
        {
            if (list[n] != leftOut && Array.BinarySearch(history, list[n]) >= 0)
            {
                max = Math.Max(max, Cosine(counts[n], train.ItemCounts[item], train.ItemCounts[list[n]]));
            }
        }

        return max;
    }
}
