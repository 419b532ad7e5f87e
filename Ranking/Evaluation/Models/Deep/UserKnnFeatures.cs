using System.Buffers;
using LeadRecs.Ranking.Evaluation.Data;

namespace LeadRecs.Ranking.Evaluation.Models.Deep;

/// <summary>
/// "What similar users did": the summed cosine of the user's nearest users who have the item (log), and that sum
/// as a share of all their neighbours' cosine. A row that leaves the pair (user, x) out sees the user without x:
/// one item fewer, one fewer shared with every candidate who has x, and the nearest users chosen again on those
/// cosines (<see cref="UserNeighbours"/>); the positive and its negatives alike.
/// </summary>
public sealed class UserKnnFeatures(UserNeighbours neighbours, UserItemMatrix train)
{
    public const int Width = 2;

    public static readonly IReadOnlyList<string> Names = ["uknn.logSum", "uknn.share"];

    /// <param name="leftOut">Per row, the item whose pair with the user is left out (-1: none); empty means none.</param>
    public void Write(int user, ReadOnlySpan<int> items, ReadOnlySpan<int> leftOut, Span<float> dense, int stride, int offset)
    {
        var candidates = neighbours.Users[user];
        var k = Math.Min(neighbours.K, candidates.Length);
        var cosines = new double[candidates.Length];
        Cosines(user, -1, cosines);
        var total = 0.0;
        for (var n = 0; n < k; n++)
        {
            total += cosines[n];
        }

        var score = ArrayPool<float>.Shared.Rent(train.ItemCount);
        Array.Clear(score, 0, train.ItemCount);
        var chosen = new int[k];
        var chosenCosines = new double[k];
        var chosenFor = -1;
        var chosenTotal = 0.0;
        try
        {
            for (var n = 0; n < k; n++)
            {
                foreach (var j in train.UserItems[candidates[n]])
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
                    // Rows of one training group share x: the neighbours without x are chosen once.
                    if (chosenFor != x)
                    {
                        chosenTotal = Choose(user, x, cosines, chosen, chosenCosines);
                        chosenFor = x;
                    }

                    sum = 0;
                    for (var n = 0; n < k; n++)
                    {
                        if (chosenCosines[n] > 0 && Array.BinarySearch(train.UserItems[chosen[n]], items[r]) >= 0)
                        {
                            sum += chosenCosines[n];
                        }
                    }

                    all = chosenTotal;
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

    /// <summary>
    /// The K nearest candidates once (user, leftOut) is gone, by cosine without it (ties: lower user index, as
    /// <see cref="UserNeighbours.Build"/> orders them). Returns the sum of their cosines.
    /// </summary>
    private double Choose(int user, int leftOut, double[] scratch, int[] chosen, double[] chosenCosines)
    {
        var candidates = neighbours.Users[user];
        Cosines(user, leftOut, scratch);
        var order = Enumerable.Range(0, candidates.Length)
            .OrderByDescending(n => scratch[n])
            .ThenBy(n => candidates[n])
            .Take(chosen.Length);
        var total = 0.0;
        var at = 0;
        foreach (var n in order)
        {
            chosen[at] = candidates[n];
            chosenCosines[at++] = scratch[n];
            total += scratch[n];
        }

        return total;
    }

    /// <summary>Cosine of the user with each candidate, with the pair (user, leftOut) removed when leftOut >= 0.</summary>
    private void Cosines(int user, int leftOut, double[] cosines)
    {
        var others = neighbours.Users[user];
        var shared = neighbours.Shared[user];
        var nu = train.UserItems[user].Length - (leftOut >= 0 ? 1 : 0);
        for (var n = 0; n < others.Length; n++)
        {
            var v = others[n];
            var common = shared[n] - (leftOut >= 0 && Array.BinarySearch(train.UserItems[v], leftOut) >= 0 ? 1 : 0);
            cosines[n] = nu > 0 && common > 0 ? common / Math.Sqrt((double)nu * train.UserItems[v].Length) : 0;
        }
    }
}
