using LeadRecs.Ranking.Evaluation.Data;

namespace LeadRecs.Ranking.Evaluation.Models.Deep;

/// <summary>
/// Per user, the unseen items a first stage would put in front of the ranker: the top items of their nearest
/// users (popular among people like them) and, with geography, the items nearest to their own (close by).
/// Negatives drawn uniformly from this pool are the hard ones the ranker must order at the top of a full ranking;
/// since the draw is uniform inside the pool and inside the catalogue, the sampling bias is one known constant per
/// side of the pool boundary, which <see cref="LogSamplingProbability"/> gives back at scoring time.
/// </summary>
public sealed class CandidatePool
{
    private readonly int[] _unseenCounts;
    private readonly double _uniformShare;

    private CandidatePool(int[][] items, int[] unseenCounts, double uniformShare)
    {
        Items = items;
        _unseenCounts = unseenCounts;
        _uniformShare = uniformShare;
    }

    /// <summary>Per user, the pool's items, ascending; never an item the user has.</summary>
    public int[][] Items { get; }

    public static CandidatePool Build(
        UserItemMatrix train, UserNeighbours users, GeoIndex? geo, int size, double uniformShare, int maxDegreeOfParallelism)
    {
        var pools = new int[train.UserCount][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, train.UserCount, options, () => new float[train.ItemCount], (u, _, score) =>
        {
            var seen = train.UserItems[u];
            var pool = new SortedSet<int>();
            Array.Clear(score);
            var others = users.Users[u];
            for (var n = 0; n < Math.Min(others.Length, users.K); n++)
            {
                var cosine = (float)(users.Shared[u][n] / Math.Sqrt((double)seen.Length * train.UserItems[others[n]].Length));
                foreach (var j in train.UserItems[others[n]])
                {
                    score[j] += cosine;
                }
            }

            AddTop(pool, score, seen, size);
            if (geo is not null)
            {
                Array.Clear(score);
                foreach (var h in seen)
                {
                    // Nearer neighbours count more, so the pool keeps what is close to most of the user's places.
                    var near = geo.Nearest[h];
                    for (var k = 0; k < near.Length; k++)
                    {
                        score[near[k]] += 1f / (1 + k);
                    }
                }

                AddTop(pool, score, seen, size);
            }

            pools[u] = [.. pool];
            return score;
        }, _ => { });

        var unseen = train.UserItems.Select(s => train.ItemCount - s.Length).ToArray();
        return new CandidatePool(pools, unseen, uniformShare);
    }

    public bool Contains(int user, int item) => Array.BinarySearch(Items[user], item) >= 0;

    /// <summary>
    /// log q(item | user) of the negative sampler: uniform share over the unseen catalogue plus the rest uniform
    /// over the pool. A BCE model trained against q learns log(p / q) up to a constant, so adding this back ranks by p.
    /// </summary>
    public double LogSamplingProbability(int user, int item)
    {
        var pool = Items[user];
        var unseen = Math.Max(_unseenCounts[user], 1);
        if (pool.Length == 0)
        {
            return -Math.Log(unseen);
        }

        var q = _uniformShare / unseen + (Contains(user, item) ? (1 - _uniformShare) / pool.Length : 0);
        return Math.Log(q);
    }

    private static void AddTop(SortedSet<int> pool, float[] score, int[] seen, int size)
    {
        var top = new List<(int Item, float Score)>();
        for (var j = 0; j < score.Length; j++)
        {
            if (score[j] > 0 && Array.BinarySearch(seen, j) < 0)
            {
                top.Add((j, score[j]));
            }
        }

        foreach (var (item, _) in top.OrderByDescending(t => t.Score).ThenBy(t => t.Item).Take(size))
        {
            pool.Add(item);
        }
    }
}
