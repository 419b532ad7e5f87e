using LeadRecs.Ranking.Evaluation.Data;

namespace LeadRecs.Ranking.Evaluation.Models.Deep;

/// <summary>
/// Each user's top-k most similar users by cosine over their item sets (shared items / sqrt(n_u * n_v)), with the
/// shared-item counts kept so a training pair can take itself out. The work is the sum over items of their user
/// count squared, in parallel with a dense counter per thread.
/// </summary>
public sealed class UserNeighbours
{
    private UserNeighbours(int[][] users, int[][] shared)
    {
        Users = users;
        Shared = shared;
    }

    public int[][] Users { get; }

    /// <summary>Items shared with each neighbour (parallel to <see cref="Users"/>).</summary>
    public int[][] Shared { get; }

    public static UserNeighbours Build(UserItemMatrix train, int k, int maxDegreeOfParallelism)
    {
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
                .Take(k)
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

        return new UserNeighbours(users, shared);
    }
}
