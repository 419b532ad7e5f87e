using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Evaluation.Models;
using LeadRecs.Ranking.Evaluation.Progress;
using LeadRecs.Ranking.Simulation;

namespace LeadRecs.Ranking.Evaluation.Protocols;

/// <summary>
/// Leave-latest-out: each user's latest interaction (largest timestamp; among equal timestamps the later line
/// of the file) is held out, every interaction of that user with that item leaves the training data, and the
/// item is ranked among <see cref="NegativeCount"/> items the user never touched, drawn uniformly without
/// replacement from a per-user stream of the seed. Users with fewer than two distinct items are not tested
/// (they would have nothing left to learn from) but stay in the training data. HR@10 and NDCG@10.
/// With full ranking (<c>loo-full</c>, Krichene and Rendle, KDD 2020) nothing is sampled: the held-out item is ranked
/// against every item not in the user's training history, and HR@10, NDCG@10, Recall@20, NDCG@20 and MRR are reported
/// (with one relevant item Recall@20 is the hit rate at 20). Ties count at their expected place, as in the sampled case.
/// </summary>
public sealed class LeaveOneOutProtocol : EvaluationProtocol
{
    public const int DefaultNegatives = 99;

    private readonly InteractionTable _remaining;
    private readonly int _seed;

    private LeaveOneOutProtocol(InteractionTable remaining, UserItemMatrix train, LooCase[] cases, int negatives, int seed, bool validation, bool fullRanking)
    {
        FullRanking = fullRanking;
        _remaining = remaining;
        Train = train;
        Cases = cases;
        NegativeCount = negatives;
        _seed = seed;
        IsValidation = validation;
    }

    public override string Name => (FullRanking ? "loo-full" : "loo") + (IsValidation ? " (validation)" : string.Empty);

    /// <summary>True for <c>loo-full</c>: every unseen item is a competitor and no negatives are sampled.</summary>
    public bool FullRanking { get; }

    public override UserItemMatrix Train { get; }

    public IReadOnlyList<LooCase> Cases { get; }

    public int NegativeCount { get; }

    public bool IsValidation { get; }

    public override IReadOnlyList<string> MetricNames => FullRanking ? FullMetricNames : SampledMetricNames;

    private static readonly string[] SampledMetricNames = [Protocols.MetricNames.HitRate, Protocols.MetricNames.Ndcg];

    private static readonly string[] FullMetricNames =
    [
        Protocols.MetricNames.HitRate, Protocols.MetricNames.Ndcg, Protocols.MetricNames.Recall20, Protocols.MetricNames.Ndcg20,
        Protocols.MetricNames.Mrr,
    ];

    public override string PrimaryMetric => Protocols.MetricNames.Ndcg;

    public override int CaseCount => Cases.Count;

    public static LeaveOneOutProtocol Create(
        InteractionTable table, int userCount, int itemCount, ItemLocations? locations, int seed, int negatives = DefaultNegatives) =>
        Create(table, userCount, itemCount, locations, seed, negatives, validation: false, fullRanking: false);

    /// <summary><c>loo-full</c>: the same held-out items, ranked against every item the user has not touched in training.</summary>
    /// <remarks>Negatives are still sampled (and ignored when scoring), so <c>--write-split</c> writes the same files as for loo.</remarks>
    public static LeaveOneOutProtocol CreateFullRanking(
        InteractionTable table, int userCount, int itemCount, ItemLocations? locations, int seed, int negatives = DefaultNegatives) =>
        Create(table, userCount, itemCount, locations, seed, negatives, validation: false, fullRanking: true);

    /// <summary>
    /// A split made elsewhere (an NCF benchmark's files): its training rows and its held-out items and negatives as
    /// given. Validation is carved from the training rows as usual.
    /// </summary>
    public static LeaveOneOutProtocol FromGivenSplit(
        InteractionTable train, IReadOnlyList<LooCase> cases, int userCount, int itemCount, ItemLocations? locations, int seed, bool fullRanking)
    {
        var negatives = cases.Select(c => c.Negatives.Length).DefaultIfEmpty(0).Max();
        return new LeaveOneOutProtocol(train, UserItemMatrix.FromTable(train, userCount, itemCount, locations), [.. cases], negatives, seed, validation: false, fullRanking);
    }

    public override EvaluationProtocol CarveValidation(int seed) =>
        Create(_remaining, Train.UserCount, Train.ItemCount, Train.Locations, seed, NegativeCount, validation: true, FullRanking);

    public override EvaluationProtocol Subsample(int maxCases) =>
        new LeaveOneOutProtocol(_remaining, Train, EvenlySpaced(Cases, maxCases), NegativeCount, _seed, IsValidation, FullRanking);

    public override string Describe() =>
        (FullRanking
            ? $"{Name}: {CaseCount:N0} users' latest item vs every item not in their training history"
            : $"{Name}: {CaseCount:N0} users' latest item vs {NegativeCount} sampled unseen items")
        + $"; train {Train.PairCount:N0} pairs, {Train.UserCount:N0} users, {Train.ItemCount:N0} items";

    public override IReadOnlyDictionary<string, double[]> EvaluateCases(IRecommender model, ProgressBar? progress, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        if (FullRanking)
        {
            return EvaluateFull(model, progress, maxDegreeOfParallelism, cancellationToken);
        }

        var hits = new double[Cases.Count];
        var ndcgs = new double[Cases.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, Cases.Count, options, () => (Items: new int[NegativeCount + 1], Scores: new float[NegativeCount + 1]), (c, _, buffers) =>
        {
            var test = Cases[c];
            var n = test.Negatives.Length + 1;
            buffers.Items[0] = test.HeldOut;
            test.Negatives.CopyTo(buffers.Items, 1);
            model.Score(test.User, buffers.Items.AsSpan(0, n), buffers.Scores.AsSpan(0, n));
            var (greater, ties) = RankingMetrics.SampledRank(buffers.Scores[0], buffers.Scores.AsSpan(1, n - 1));
            hits[c] = RankingMetrics.HitRate(greater, ties, Protocols.MetricNames.K);
            ndcgs[c] = RankingMetrics.Ndcg(greater, ties, Protocols.MetricNames.K);
            progress?.Advance();
            return buffers;
        }, _ => { });

        return new Dictionary<string, double[]>
        {
            [Protocols.MetricNames.HitRate] = hits,
            [Protocols.MetricNames.Ndcg] = ndcgs,
        };
    }

    private Dictionary<string, double[]> EvaluateFull(IRecommender model, ProgressBar? progress, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        var itemCount = Train.ItemCount;
        var allItems = Enumerable.Range(0, itemCount).ToArray();
        var hits = new double[Cases.Count];
        var ndcgs = new double[Cases.Count];
        var recall20 = new double[Cases.Count];
        var ndcg20 = new double[Cases.Count];
        var mrr = new double[Cases.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, Cases.Count, options, () => new float[itemCount], (c, _, scores) =>
        {
            var test = Cases[c];
            model.Score(test.User, allItems, scores);
            var (greater, ties) = FullRank(scores, test.HeldOut, Train.UserItems[test.User]);
            hits[c] = RankingMetrics.HitRate(greater, ties, Protocols.MetricNames.K);
            ndcgs[c] = RankingMetrics.Ndcg(greater, ties, Protocols.MetricNames.K);
            recall20[c] = RankingMetrics.HitRate(greater, ties, 20);
            ndcg20[c] = RankingMetrics.Ndcg(greater, ties, 20);
            mrr[c] = RankingMetrics.ReciprocalRank(greater, ties);
            progress?.Advance();
            return scores;
        }, _ => { });

        return new Dictionary<string, double[]>
        {
            [Protocols.MetricNames.HitRate] = hits,
            [Protocols.MetricNames.Ndcg] = ndcgs,
            [Protocols.MetricNames.Recall20] = recall20,
            [Protocols.MetricNames.Ndcg20] = ndcg20,
            [Protocols.MetricNames.Mrr] = mrr,
        };
    }

    /// <summary>How many competitors (items not in <paramref name="seen"/>, sorted, other than the held-out one) score above it, and how many tie.</summary>
    internal static (int Greater, int Ties) FullRank(ReadOnlySpan<float> scores, int heldOut, ReadOnlySpan<int> seen)
    {
        var p = float.IsNaN(scores[heldOut]) ? float.NegativeInfinity : scores[heldOut];
        var greater = 0;
        var ties = 0;
        var next = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            // seen is ascending, so one pointer walks it alongside the catalogue.
            if (next < seen.Length && seen[next] == i)
            {
                next++;
                continue;
            }

            if (i == heldOut)
            {
                continue;
            }

            var s = float.IsNaN(scores[i]) ? float.NegativeInfinity : scores[i];
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

    private static LeaveOneOutProtocol Create(
        InteractionTable table, int userCount, int itemCount, ItemLocations? locations, int seed, int negatives, bool validation, bool fullRanking)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(negatives);
        var latest = Enumerable.Repeat(-1, userCount).ToArray();
        for (var r = 0; r < table.Count; r++)
        {
            var u = table.Users[r];
            // ">=" so the later line wins a tie: deterministic, and the natural reading of an append-only log.
            if (latest[u] < 0 || table.Timestamps[r] >= table.Timestamps[latest[u]])
            {
                latest[u] = r;
            }
        }

        var all = UserItemMatrix.FromTable(table, userCount, itemCount, locations);
        var heldOut = Enumerable.Repeat(-1, userCount).ToArray();
        for (var u = 0; u < userCount; u++)
        {
            if (latest[u] >= 0 && all.UserItems[u].Length >= 2)
            {
                heldOut[u] = table.Items[latest[u]];
            }
        }

        var remaining = table.Where(r => heldOut[table.Users[r]] != table.Items[r]);
        var train = UserItemMatrix.FromTable(remaining, userCount, itemCount, locations);
        var cases = new List<LooCase>();
        for (var u = 0; u < userCount; u++)
        {
            if (heldOut[u] >= 0)
            {
                cases.Add(new LooCase(u, heldOut[u], SampleUnseen(all.UserItems[u], itemCount, negatives, DeterministicRandom.For(seed, "loo-negatives", u))));
            }
        }

        return new LeaveOneOutProtocol(remaining, train, [.. cases], negatives, seed, validation, fullRanking);
    }

    /// <summary>Distinct items not in <paramref name="seen"/> (sorted); all of them when fewer than asked exist.</summary>
    internal static int[] SampleUnseen(int[] seen, int itemCount, int count, DeterministicRandom random)
    {
        var unseenCount = itemCount - seen.Length;
        if (unseenCount <= 2 * count)
        {
            // Dense case: enumerate the complement and shuffle a prefix of it.
            var pool = Enumerable.Range(0, itemCount).Where(i => Array.BinarySearch(seen, i) < 0).ToArray();
            var take = Math.Min(count, pool.Length);
            for (var i = 0; i < take; i++)
            {
                var j = i + random.Next(pool.Length - i);
                (pool[i], pool[j]) = (pool[j], pool[i]);
            }

            return pool[..take];
        }

        var chosen = new HashSet<int>();
        var result = new int[count];
        var filled = 0;
        while (filled < count)
        {
            var item = random.Next(itemCount);
            if (Array.BinarySearch(seen, item) < 0 && chosen.Add(item))
            {
                result[filled++] = item;
            }
        }

        return result;
    }
}
