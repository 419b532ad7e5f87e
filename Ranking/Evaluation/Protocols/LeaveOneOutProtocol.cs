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
/// </summary>
public sealed class LeaveOneOutProtocol : EvaluationProtocol
{
    public const int DefaultNegatives = 99;

    private readonly InteractionTable _remaining;
    private readonly int _seed;

    private LeaveOneOutProtocol(InteractionTable remaining, UserItemMatrix train, LooCase[] cases, int negatives, int seed, bool validation)
    {
        _remaining = remaining;
        Train = train;
        Cases = cases;
        NegativeCount = negatives;
        _seed = seed;
        IsValidation = validation;
    }

    public override string Name => IsValidation ? "loo (validation)" : "loo";

    public override UserItemMatrix Train { get; }

    public IReadOnlyList<LooCase> Cases { get; }

    public int NegativeCount { get; }

    public bool IsValidation { get; }

    public override IReadOnlyList<string> MetricNames { get; } = [Protocols.MetricNames.HitRate, Protocols.MetricNames.Ndcg];

    public override string PrimaryMetric => Protocols.MetricNames.Ndcg;

    public override int CaseCount => Cases.Count;

    public static LeaveOneOutProtocol Create(
        InteractionTable table, int userCount, int itemCount, ItemLocations? locations, int seed, int negatives = DefaultNegatives) =>
        Create(table, userCount, itemCount, locations, seed, negatives, validation: false);

    public override EvaluationProtocol CarveValidation(int seed) =>
        Create(_remaining, Train.UserCount, Train.ItemCount, Train.Locations, seed, NegativeCount, validation: true);

    public override EvaluationProtocol Subsample(int maxCases) =>
        new LeaveOneOutProtocol(_remaining, Train, EvenlySpaced(Cases, maxCases), NegativeCount, _seed, IsValidation);

    public override string Describe() =>
        $"{Name}: {CaseCount:N0} users' latest item vs {NegativeCount} sampled unseen items; train {Train.PairCount:N0} pairs, {Train.UserCount:N0} users, {Train.ItemCount:N0} items";

    public override IReadOnlyDictionary<string, double> Evaluate(IRecommender model, ProgressBar? progress, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
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

        // Summed in case order, not completion order, so the figures are identical run to run.
        return new Dictionary<string, double>
        {
            [Protocols.MetricNames.HitRate] = Mean(hits),
            [Protocols.MetricNames.Ndcg] = Mean(ndcgs),
        };
    }

    private static LeaveOneOutProtocol Create(
        InteractionTable table, int userCount, int itemCount, ItemLocations? locations, int seed, int negatives, bool validation)
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

        return new LeaveOneOutProtocol(remaining, train, [.. cases], negatives, seed, validation);
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

    private static double Mean(double[] values) => values.Length == 0 ? double.NaN : values.Sum() / values.Length;
}
