namespace LeadRecs.Ranking.Evaluation.Protocols;

/// <summary>
/// Top-k ranking metrics. Sampled metrics (one positive among sampled negatives) take ties at face value: a
/// positive tied with t negatives is equally likely to land anywhere among those t + 1 places, and the metric is
/// its expectation, so a constant scorer earns chance rather than a perfect or a zero score.
/// Full-ranking metrics work on an explicit top-k list.
/// </summary>
public static class RankingMetrics
{
    /// <summary>How many negatives score above the positive, and how many tie with it. NaN counts as lowest.</summary>
    public static (int Greater, int Ties) SampledRank(float positive, ReadOnlySpan<float> negatives)
    {
        var p = float.IsNaN(positive) ? float.NegativeInfinity : positive;
        var greater = 0;
        var ties = 0;
        foreach (var raw in negatives)
        {
            var s = float.IsNaN(raw) ? float.NegativeInfinity : raw;
            if (s > p)
            {
                greater++;
            }
            else if (s == p)
            {
                ties++;
            }
        }

        return (greater, ties);
    }

    /// <summary>Expected hit rate: the chance the positive lands in the first k places (0-based rank &lt; k).</summary>
    public static double HitRate(int greater, int ties, int k)
    {
        var inside = Math.Clamp(k - greater, 0, ties + 1);
        return inside / (double)(ties + 1);
    }

    /// <summary>Expected NDCG@k with one relevant item: 1 / log2(rank + 2) if rank &lt; k, averaged over tie places.</summary>
    public static double Ndcg(int greater, int ties, int k)
    {
        var sum = 0.0;
        for (var rank = greater; rank <= greater + ties && rank < k; rank++)
        {
            sum += 1.0 / Math.Log2(rank + 2);
        }

        return sum / (ties + 1);
    }

    /// <summary>Expected reciprocal rank (1 / (rank + 1), 0-based rank), averaged over the tie places; no cut-off.</summary>
    public static double ReciprocalRank(int greater, int ties)
    {
        var sum = 0.0;
        for (var rank = greater; rank <= greater + ties; rank++)
        {
            sum += 1.0 / (rank + 1);
        }

        return sum / (ties + 1);
    }

    /// <summary>
    /// Writes the indexes of the k highest scores, best first, into <paramref name="top"/> and returns how many
    /// there were. Entries with <paramref name="excluded"/> set are skipped. Equal scores go to the lower index, so
    /// the list is deterministic.
    /// </summary>
    public static int TopK(ReadOnlySpan<float> scores, ReadOnlySpan<bool> excluded, int k, Span<int> top)
    {
        var count = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (excluded[i])
            {
                continue;
            }

            var s = float.IsNaN(scores[i]) ? float.NegativeInfinity : scores[i];
            if (count == k && !(s > Score(scores, top[k - 1])))
            {
                continue;
            }

            // Insertion into a short sorted list: k is 10, so this beats a heap.
            var at = count < k ? count++ : k - 1;
            while (at > 0 && s > Score(scores, top[at - 1]))
            {
                top[at] = top[at - 1];
                at--;
            }

            top[at] = i;
        }

        return count;
    }

    /// <summary>Share of the relevant items found in the list; relevant must be sorted ascending.</summary>
    public static double Recall(ReadOnlySpan<int> top, ReadOnlySpan<int> relevant) =>
        relevant.Length == 0 ? 0 : Hits(top, relevant) / (double)relevant.Length;

    /// <summary>Share of the k places holding a relevant item (a list shorter than k still divides by k).</summary>
    public static double Precision(ReadOnlySpan<int> top, ReadOnlySpan<int> relevant, int k) => Hits(top, relevant) / (double)k;

    /// <summary>Binary-relevance NDCG@k: DCG of the list over the DCG of min(|relevant|, k) hits at the top.</summary>
    public static double Ndcg(ReadOnlySpan<int> top, ReadOnlySpan<int> relevant, int k)
    {
        var dcg = 0.0;
        for (var r = 0; r < top.Length && r < k; r++)
        {
            if (relevant.BinarySearch(top[r]) >= 0)
            {
                dcg += 1.0 / Math.Log2(r + 2);
            }
        }

        var ideal = 0.0;
        for (var r = 0; r < Math.Min(relevant.Length, k); r++)
        {
            ideal += 1.0 / Math.Log2(r + 2);
        }

        return ideal > 0 ? dcg / ideal : 0;
    }

    private static int Hits(ReadOnlySpan<int> top, ReadOnlySpan<int> relevant)
    {
        var hits = 0;
        foreach (var item in top)
        {
            if (relevant.BinarySearch(item) >= 0)
            {
                hits++;
            }
        }

        return hits;
    }

    private static float Score(ReadOnlySpan<float> scores, int index) =>
        float.IsNaN(scores[index]) ? float.NegativeInfinity : scores[index];
}
