using System.Buffers;
using LeadRecs.Ranking.Evaluation.Data;

namespace LeadRecs.Ranking.Evaluation.Models.Deep;

/// <summary>
/// "What similar users did": the summed cosine of the user's nearest users who have the item (log), and that sum
/// as a share of all their neighbours' cosine. A row that leaves the pair (user, x) out sees the user without x:
/// one item fewer, and one fewer shared with every neighbour who has x; the positive and its negatives alike.
/// </summary>
public sealed class UserKnnFeatures(UserNeighbours neighbours, UserItemMatrix train)
{
    public const int Width = 2;

    public static readonly IReadOnlyList<string> Names = ["uknn.logSum", "uknn.share"];

    /// <param name="leftOut">Per row, the item whose pair with the user is left out (-1: none); empty means none.</param>
    public void Write(int user, ReadOnlySpan<int> items, ReadOnlySpan<int> leftOut, Span<float> dense, int stride, int offset)
    {
        var others = neighbours.Users[user];
        var cosines = new double[others.Length];
        var total = Cosines(user, -1, cosines);
        var score = ArrayPool<float>.Shared.Rent(train.ItemCount);
        Array.Clear(score, 0, train.ItemCount);
        var adjusted = new double[others.Length];
        var adjustedFor = -1;
        var adjustedTotal = 0.0;
        try
        {
            for (var n = 0; n < others.Length; n++)
            {
                foreach (var j in train.UserItems[others[n]])
                {
                    score[j] += (float)cosines[n];
                }
            }

            for (var r = 0; r < items.Length; r++)
            {
                var row = dense.Slice(r * stride + offset, Width);
                var x = r < leftOut.Length ? leftOut[r] : -1;
                double sum;
                double all;
                if (x < 0 || !train.Contains(user, x))
                {
                    (sum, all) = (score[items[r]], total);
                }
                else
                {
                    // Rows of one training group share x: the neighbours' cosines without x are computed once.
                    if (adjustedFor != x)
                    {
                        adjustedTotal = Cosines(user, x, adjusted);
                        adjustedFor = x;
                    }

                    sum = 0;
                    for (var n = 0; n < others.Length; n++)
                    {
                        if (Array.BinarySearch(train.UserItems[others[n]], items[r]) >= 0)
                        {
                            sum += adjusted[n];
                        }
                    }

                    all = adjustedTotal;
                }

                row[0] = (float)Math.Log(1 + sum);
                row[1] = all > 0 ? (float)(sum / all) : 0f;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(score);
        }
    }

    /// <summary>Cosine of the user with each neighbour, with the pair (user, leftOut) removed when leftOut >= 0.</summary>
    private double Cosines(int user, int leftOut, double[] cosines)
    {
        var others = neighbours.Users[user];
        var shared = neighbours.Shared[user];
        var nu = train.UserItems[user].Length - (leftOut >= 0 ? 1 : 0);
        var total = 0.0;
        for (var n = 0; n < others.Length; n++)
        {
            var v = others[n];
            var common = shared[n] - (leftOut >= 0 && Array.BinarySearch(train.UserItems[v], leftOut) >= 0 ? 1 : 0);
            cosines[n] = nu > 0 && common > 0 ? common / Math.Sqrt((double)nu * train.UserItems[v].Length) : 0;
            total += cosines[n];
        }

        return total;
    }
}
