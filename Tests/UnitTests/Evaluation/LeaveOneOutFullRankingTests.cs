using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Evaluation.Models;
using LeadRecs.Ranking.Evaluation.Protocols;

namespace LeadRecs.UnitTests.Evaluation;

public sealed class LeaveOneOutFullRankingTests
{
    // user 0 trains on items 1 and 2 and holds out 3; user 1 has one item and is not tested.
    private static readonly InteractionTable Table = new(
        users: [0, 0, 0, 1],
        items: [1, 2, 3, 4],
        ratings: [1, 1, 1, 1],
        timestamps: [10, 20, 30, 40],
        hasRatings: false,
        hasTimestamps: true);

    [Fact]
    public void FullRank_CountsOnlyItemsOutsideTheTrainingHistory()
    {
        // Items 1 and 2 (seen) score highest but are not competitors; 0 and 5 beat the held-out 3, 4 ties it.
        float[] scores = [5, 9, 9, 3, 3, 4, 1];

        var (greater, ties) = LeaveOneOutProtocol.FullRank(scores, heldOut: 3, seen: [1, 2]);

        Assert.Equal((2, 1), (greater, ties));
    }

    [Fact]
    public void Metrics_FollowTheHeldOutItemsPlaceAmongEveryUnseenItem()
    {
        var protocol = LeaveOneOutProtocol.CreateFullRanking(Table, 2, 40, null, seed: 1);
        // Score = -item: item 0 first, then 3 (1 and 2 are seen): the held-out item is second among the unseen.
        var metrics = protocol.Evaluate(new FixedScores(i => -i), null, 1, default);

        Assert.Equal("loo-full", protocol.Name);
        Assert.Single(protocol.Cases);
        // Sampled all the same (so --write-split writes loo's files), but not what the metrics rank against.
        Assert.Equal(37, protocol.Cases[0].Negatives.Length);
        Assert.Equal(1.0, metrics[MetricNames.HitRate]);
        Assert.Equal(1 / Math.Log2(3), metrics[MetricNames.Ndcg], 12);
        Assert.Equal(1.0, metrics[MetricNames.Recall20]);
        Assert.Equal(0.5, metrics[MetricNames.Mrr], 12);
    }

    [Fact]
    public void AHeldOutItemBelowThe20th_ScoresZeroButKeepsItsReciprocalRank()
    {
        var protocol = LeaveOneOutProtocol.CreateFullRanking(Table, 2, 40, null, seed: 1);
        // Score = item: 36 unseen items above 3 (4..39), so its 0-based rank is 36.
        var metrics = protocol.Evaluate(new FixedScores(i => i), null, 1, default);

        Assert.Equal(0.0, metrics[MetricNames.HitRate]);
        Assert.Equal(0.0, metrics[MetricNames.Ndcg20]);
        Assert.Equal(1 / 37.0, metrics[MetricNames.Mrr], 12);
    }

    [Fact]
    public void AConstantScorer_GetsChance()
    {
        var protocol = LeaveOneOutProtocol.CreateFullRanking(Table, 2, 40, null, seed: 1);
        var metrics = protocol.Evaluate(new FixedScores(_ => 0), null, 1, default);

        // 38 unseen items (40 minus 1 and 2) including the held-out one: each place equally likely.
        Assert.Equal(10 / 38.0, metrics[MetricNames.HitRate], 12);
        Assert.Equal(20 / 38.0, metrics[MetricNames.Recall20], 12);
    }

    [Fact]
    public void CarvedValidation_StaysFullRanking()
    {
        var table = PlantedData.Table();
        var protocol = LeaveOneOutProtocol.CreateFullRanking(table, table.Users.Max() + 1, table.Items.Max() + 1, null, seed: 1);

        var validation = protocol.CarveValidation(2);

        Assert.Equal("loo-full (validation)", validation.Name);
        Assert.Contains(MetricNames.Mrr, validation.MetricNames);
    }

    private sealed class FixedScores(Func<int, float> score) : IRecommender
    {
        public string Name => "fixed";

        public string Settings => string.Empty;

        public void Fit(UserItemMatrix train, FitContext context)
        {
        }

        public void Score(int user, ReadOnlySpan<int> items, Span<float> scores)
        {
            for (var i = 0; i < items.Length; i++)
            {
                scores[i] = score(items[i]);
            }
        }
    }
}
