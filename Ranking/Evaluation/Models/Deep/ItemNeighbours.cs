using LeadRecs.Ranking.Evaluation.Data;

namespace LeadRecs.Ranking.Evaluation.Models.Deep;

/// <summary>
/// Item-to-item co-occurrence from the training data: for each item, its top-k items by cosine
/// (co-count / sqrt(count_i * count_j)), made symmetric (j is i's neighbour when either lists the other), with the
/// raw co-counts kept so a training pair can take its own user out. Built per item in parallel with a dense
/// counter per thread: the work is the sum over users of their item count squared.
/// </summary>
public sealed class ItemNeighbours
{
    private ItemNeighbours(int[][] items, int[][] counts)
    {
        Items = items;
        CoCounts = counts;
    }

    /// <summary>Per item, its neighbours, ascending.</summary>
    public int[][] Items { get; }

    /// <summary>Per item, the number of users shared with each neighbour (parallel to <see cref="Items"/>).</summary>
    public int[][] CoCounts { get; }

    /// <summary>Users shared by items i and j if j is among i's neighbours, else 0.</summary>
    public int CoCount(int i, int j)
    {
        var at = Array.BinarySearch(Items[i], j);
        return at >= 0 ? CoCounts[i][at] : 0;
    }

    public static ItemNeighbours Build(UserItemMatrix train, int k, int maxDegreeOfParallelism)
    {
        var itemUsers = train.ItemUsers;
        var top = new (int Item, int Count)[train.ItemCount][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, train.ItemCount, options, () => (Counts: new int[train.ItemCount], Touched: new List<int>()), (i, _, scratch) =>
        {
            foreach (var v in itemUsers[i])
            {
                foreach (var j in train.UserItems[v])
                {
                    if (j != i && scratch.Counts[j]++ == 0)
                    {
                        scratch.Touched.Add(j);
                    }
                }
            }

            var ni = train.ItemCounts[i];
            top[i] = scratch.Touched
                .Select(j => (Item: j, Count: scratch.Counts[j], Cosine: scratch.Counts[j] / Math.Sqrt((double)ni * train.ItemCounts[j])))
                .OrderByDescending(t => t.Cosine).ThenBy(t => t.Item)
                .Take(k)
                .Select(t => (t.Item, t.Count))
                .ToArray();
            foreach (var j in scratch.Touched)
            {
                scratch.Counts[j] = 0;
            }

            scratch.Touched.Clear();
            return scratch;
        }, _ => { });

        var merged = new SortedDictionary<int, int>[train.ItemCount];
        for (var i = 0; i < train.ItemCount; i++)
        {
            merged[i] = [];
        }

        for (var i = 0; i < train.ItemCount; i++)
        {
            foreach (var (j, count) in top[i])
            {
                merged[i][j] = count;
                merged[j][i] = count;
            }
        }

        return new ItemNeighbours(merged.Select(m => m.Keys.ToArray()).ToArray(), merged.Select(m => m.Values.ToArray()).ToArray());
    }
}
