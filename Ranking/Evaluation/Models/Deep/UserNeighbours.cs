using LeadRecs.Ranking.Evaluation.Data;

namespace LeadRecs.Ranking.Evaluation.Models.Deep;

/// <summary>
/// Each user's most similar users by cosine over their item sets (shared items / sqrt(n_u * n_v)), best first (ties:
/// lower user index), with the shared-item counts kept so a training pair can take itself out. The top
/// <see cref="K"/> are the neighbours; as many again are kept as spares, because leaving a pair (user, x) out lowers
/// the cosine of every neighbour who has x, and the top k without x must be chosen again, from the spares too:
/// choosing neighbours with x and only then taking x out would make them, and so x, look more alike than they are
/// for a held-out item (on Foursquare, 2.1 times the summed cosine). The work is the sum over items of their user
/// count squared, in parallel with a dense counter per thread.
/// </summary>
public sealed class UserNeighbours
{
    private UserNeighbours(int k, int[][] users, int[][] shared)
    {
        K = k;
        Users = users;
        Shared = shared;
    }

    /// <summary>How many of the candidates are the neighbours.</summary>
    public int K { get; }

    /// <summary>Per user, up to 2·<see cref="K"/> candidates, best first; the first K are the neighbours.</summary>
    public int[][] Users { get; }

    /// <summary>Items shared with each candidate (parallel to <see cref="Users"/>).</summary>
    public int[][] Shared { get; }

    public static UserNeighbours Build(UserItemMatrix train, int k, int maxDegreeOfParallelism)
    {
        var kept = (int)Math.Min(2L * k, int.MaxValue);
        var itemUsers = train.ItemUsers;
        var users = new int[train.UserCount][];
        var shared = new int[train.UserCount][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, train.UserCount, options, () => (Counts: new int[train.UserCount], Touched: new List<int>()), (u, _, scratch) =>
        {
            foreach (var h in train.UserItems[u])
            {
                foreach (var v in itemUsers[h])
                {
                    if (v != u && scratch.Counts[v]++ == 0)
                    {
                        scratch.Touched.Add(v);
                    }
                }
            }

            var nu = train.UserItems[u].Length;
            var top = scratch.Touched
                .Select(v => (User: v, Count: scratch.Counts[v], Cosine: scratch.Counts[v] / Math.Sqrt((double)nu * train.UserItems[v].Length)))
                .OrderByDescending(t => t.Cosine).ThenBy(t => t.User)
                .Take(kept)
                .ToArray();
            users[u] = top.Select(t => t.User).ToArray();
            shared[u] = top.Select(t => t.Count).ToArray();
            foreach (var v in scratch.Touched)
            {
                scratch.Counts[v] = 0;
            }

            scratch.Touched.Clear();
            return scratch;
        }, _ => { });

        return new UserNeighbours(k, users, shared);
    }
}
