using System.Numerics;
using LeadRecs.Ranking.Evaluation.Data;

namespace LeadRecs.Ranking.Evaluation.Models.Deep;

/// <summary>
/// Exact item-to-item co-occurrence (users shared by two items) and cosine, co / sqrt(n_i * n_j), from the
/// training data, with no top-k truncation. Truncated neighbour lists leak: whether x makes h's top k depends on
/// the very user whose pair (user, x) a training row leaves out, so a training positive would look more related to
/// its user's history than a held-out item ever does (on Foursquare the summed affinity of training positives was
/// 1.6 times that of held-out items). Co-counts come from one bitset of users per item (popcount of an AND) while
/// that fits in <see cref="MaxBitsetWords"/>, else from merging the items' sorted user lists.
/// </summary>
public sealed class ItemCooccurrence
{
    /// <summary>Largest bitset table kept (64-bit words; 32M words = 256 MB).</summary>
    public const long MaxBitsetWords = 32L << 20;

    private readonly UserItemMatrix _train;
    private readonly ulong[]? _bits;
    private readonly int _words;

    public ItemCooccurrence(UserItemMatrix train)
    {
        _train = train;
        InverseSqrtCounts = train.ItemCounts.Select(n => n > 0 ? (float)(1 / Math.Sqrt(n)) : 0f).ToArray();
        _words = (train.UserCount + 63) / 64;
        if ((long)_words * train.ItemCount <= MaxBitsetWords)
        {
            _bits = new ulong[_words * train.ItemCount];
            for (var u = 0; u < train.UserCount; u++)
            {
                foreach (var i in train.UserItems[u])
                {
                    _bits[(i * _words) + (u >> 6)] |= 1UL << (u & 63);
                }
            }
        }
    }

    public UserItemMatrix Train => _train;

    /// <summary>1 / sqrt(users of the item), 0 for an item nobody has.</summary>
    public float[] InverseSqrtCounts { get; }

    /// <summary>Users who have both items (for i == j, the item's own user count).</summary>
    public int CoCount(int i, int j)
    {
        if (_bits is not null)
        {
            var a = _bits.AsSpan(i * _words, _words);
            var b = _bits.AsSpan(j * _words, _words);
            var count = 0;
            for (var w = 0; w < a.Length; w++)
            {
                count += BitOperations.PopCount(a[w] & b[w]);
            }

            return count;
        }

        return MergeCount(_train.ItemUsers[i], _train.ItemUsers[j]);
    }

    /// <summary>Cosine of two items from a co-count and their user counts less what a left-out pair takes away.</summary>
    public static double Cosine(int coCount, int countA, int countB) =>
        coCount > 0 && countA > 0 && countB > 0 ? coCount / Math.Sqrt((double)countA * countB) : 0;

    /// <summary>
    /// For every item j: the sum and the maximum over the history items h != j of cosine(h, j), by scattering the
    /// users of each history item (the work is the sum over h of its users' item counts). Buffers are ItemCount long.
    /// </summary>
    public void Scatter(ReadOnlySpan<int> history, Span<float> sum, Span<float> max, Span<int> counts, List<int> touched)
    {
        sum.Clear();
        max.Clear();
        var itemUsers = _train.ItemUsers;
        foreach (var h in history)
        {
            foreach (var v in itemUsers[h])
            {
                foreach (var j in _train.UserItems[v])
                {
                    if (counts[j]++ == 0)
                    {
                        touched.Add(j);
                    }
                }
            }

            var scale = InverseSqrtCounts[h];
            foreach (var j in touched)
            {
                if (j != h)
                {
                    var cosine = counts[j] * scale * InverseSqrtCounts[j];
                    sum[j] += cosine;
                    max[j] = Math.Max(max[j], cosine);
                }

                counts[j] = 0;
            }

            touched.Clear();
        }
    }

    private static int MergeCount(int[] a, int[] b)
    {
        var (x, y, count) = (0, 0, 0);
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                count++;
                x++;
                y++;
            }
            else if (a[x] < b[y])
            {
                x++;
            }
            else
            {
                y++;
            }
        }

        return count;
    }
}
