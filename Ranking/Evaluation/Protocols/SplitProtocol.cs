using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Evaluation.Models;
using LeadRecs.Ranking.Evaluation.Progress;
using LeadRecs.Ranking.Simulation;

namespace LeadRecs.Ranking.Evaluation.Protocols;

/// <summary>
/// A given train/test split, judged by full ranking: for every user with test items they did not already have in
/// train, every item of the catalogue (train and test items) that is not in their training history is scored,
/// and the top 10 is compared with those test items. Recall@10, NDCG@10 and Precision@10, averaged over users.
/// </summary>
public sealed class SplitProtocol : EvaluationProtocol
{
    /// <summary>Share of each user's training items that <see cref="CarveValidation"/> holds out.</summary>
    public const double ValidationShare = 0.2;

    private SplitProtocol(UserItemMatrix train, SplitCase[] cases, bool validation)
    {
        Train = train;
        Cases = cases;
        IsValidation = validation;
    }

    public override string Name => IsValidation ? "split (validation)" : "split";

    public override UserItemMatrix Train { get; }

    public IReadOnlyList<SplitCase> Cases { get; }

    public bool IsValidation { get; }

    public override IReadOnlyList<string> MetricNames { get; } =
        [Protocols.MetricNames.Recall, Protocols.MetricNames.Ndcg, Protocols.MetricNames.Precision];

    public override string PrimaryMetric => Protocols.MetricNames.Recall;

    public override int CaseCount => Cases.Count;

    public static SplitProtocol Create(InteractionTable train, InteractionTable test, int userCount, int itemCount, ItemLocations? locations)
    {
        var matrix = UserItemMatrix.FromTable(train, userCount, itemCount, locations);
        var testMatrix = UserItemMatrix.FromTable(test, userCount, itemCount, null);
        return new SplitProtocol(matrix, BuildCases(matrix, testMatrix.UserItems), validation: false);
    }

    /// <summary>Holds out a seeded <see cref="ValidationShare"/> of each user's training items (at least one stays).</summary>
    public override EvaluationProtocol CarveValidation(int seed)
    {
        var kept = new List<int>[Train.UserCount];
        var held = new int[Train.UserCount][];
        for (var u = 0; u < Train.UserCount; u++)
        {
            var random = DeterministicRandom.For(seed, "split-validation", u);
            var items = Train.UserItems[u];
            var hold = new List<int>();
            kept[u] = [];
            foreach (var item in items)
            {
                (random.NextDouble() < ValidationShare ? hold : kept[u]).Add(item);
            }

            if (kept[u].Count == 0 && hold.Count > 0)
            {
                kept[u].Add(hold[0]);
                hold.RemoveAt(0);
            }

            held[u] = [.. hold];
        }

        var users = kept.SelectMany((items, u) => items.Select(_ => u)).ToArray();
        var pairs = kept.SelectMany(items => items).ToArray();
        var train = UserItemMatrix.FromPairs(Train.UserCount, Train.ItemCount, users, pairs, Train.Locations);
        return new SplitProtocol(train, BuildCases(train, held), validation: true);
    }

    public override EvaluationProtocol Subsample(int maxCases) => new SplitProtocol(Train, EvenlySpaced(Cases, maxCases), IsValidation);

    public override string Describe() =>
        $"{Name}: {CaseCount:N0} test users, full ranking of each user's unseen items among {Train.ItemCount:N0}; "
        + $"train {Train.PairCount:N0} pairs, {Train.UserCount:N0} users; {Cases.Sum(c => c.Relevant.Length):N0} test pairs";

    public override IReadOnlyDictionary<string, double[]> EvaluateCases(IRecommender model, ProgressBar? progress, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        var k = Protocols.MetricNames.K;
        var itemCount = Train.ItemCount;
        var allItems = Enumerable.Range(0, itemCount).ToArray();
        var recall = new double[Cases.Count];
        var ndcg = new double[Cases.Count];
        var precision = new double[Cases.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(
            0,
            Cases.Count,
            options,
            () => (Scores: new float[itemCount], Excluded: new bool[itemCount], Top: new int[k]),
            (c, _, buffers) =>
            {
                var test = Cases[c];
                var seen = Train.UserItems[test.User];
                model.Score(test.User, allItems, buffers.Scores);
                foreach (var item in seen)
                {
                    buffers.Excluded[item] = true;
                }

                var count = RankingMetrics.TopK(buffers.Scores, buffers.Excluded, k, buffers.Top);
                foreach (var item in seen)
                {
                    buffers.Excluded[item] = false;
                }

                var top = buffers.Top.AsSpan(0, count);
                recall[c] = RankingMetrics.Recall(top, test.Relevant);
                ndcg[c] = RankingMetrics.Ndcg(top, test.Relevant, k);
                precision[c] = RankingMetrics.Precision(top, test.Relevant, k);
                progress?.Advance();
                return buffers;
            },
            _ => { });

        return new Dictionary<string, double[]>
        {
            [Protocols.MetricNames.Recall] = recall,
            [Protocols.MetricNames.Ndcg] = ndcg,
            [Protocols.MetricNames.Precision] = precision,
        };
    }

    private static SplitCase[] BuildCases(UserItemMatrix train, int[][] testItems)
    {
        var cases = new List<SplitCase>();
        for (var u = 0; u < testItems.Length; u++)
        {
            var relevant = testItems[u].Where(i => !train.Contains(u, i)).Distinct().Order().ToArray();
            if (relevant.Length > 0)
            {
                cases.Add(new SplitCase(u, relevant));
            }
        }

        return [.. cases];
    }
}
