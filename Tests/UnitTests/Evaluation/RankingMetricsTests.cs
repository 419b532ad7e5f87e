using LeadRecs.Ranking.Evaluation.Protocols;

namespace LeadRecs.UnitTests.Evaluation;

public sealed class RankingMetricsTests
{
    [Fact]
    public void Sampled_PositiveThird_HitAndNdcgByHand()
    {
        var (greater, ties) = RankingMetrics.SampledRank(0.5f, [0.9f, 0.1f, 0.7f, 0.2f]);

        Assert.Equal((2, 0), (greater, ties));
        Assert.Equal(1.0, RankingMetrics.HitRate(greater, ties, 10));
        Assert.Equal(0.0, RankingMetrics.HitRate(greater, ties, 2));
        Assert.Equal(0.5, RankingMetrics.Ndcg(greater, ties, 10), 12); // 1 / log2(2 + 2)
    }

    [Fact]
    public void Sampled_Ties_AreAveragedOverThePlacesTheyShare()
    {
        // Constant scores: the positive is equally likely in any of 4 places; k = 2 catches two of them.
        var (greater, ties) = RankingMetrics.SampledRank(1f, [1f, 1f, 1f]);

        Assert.Equal(0.5, RankingMetrics.HitRate(greater, ties, 2));
        Assert.Equal((1 + 1 / Math.Log2(3)) / 4, RankingMetrics.Ndcg(greater, ties, 2), 12);
    }

    [Fact]
    public void Sampled_BelowTheCutOff_ScoresZero()
    {
        var negatives = Enumerable.Repeat(2f, 10).ToArray();

        var (greater, ties) = RankingMetrics.SampledRank(1f, negatives);

        Assert.Equal(0.0, RankingMetrics.HitRate(greater, ties, 10));
        Assert.Equal(0.0, RankingMetrics.Ndcg(greater, ties, 10));
    }

    [Fact]
    public void TopK_SkipsExcluded_AndBreaksTiesByIndex()
    {
        float[] scores = [0.3f, 0.9f, 0.5f, 0.9f, 0.1f, 0.5f];
        bool[] excluded = [false, true, false, false, false, false];
        var top = new int[3];

        var count = RankingMetrics.TopK(scores, excluded, 3, top);

        Assert.Equal(3, count);
        Assert.Equal([3, 2, 5], top);
    }

    [Fact]
    public void Full_RecallPrecisionNdcg_ByHand()
    {
        int[] top = [4, 7, 1, 9];
        int[] relevant = [1, 2, 4];

        Assert.Equal(2.0 / 3, RankingMetrics.Recall(top, relevant), 12);
        Assert.Equal(2.0 / 10, RankingMetrics.Precision(top, relevant, 10), 12);
        var dcg = 1 + 1 / Math.Log2(4);
        var ideal = 1 + 1 / Math.Log2(3) + 1 / Math.Log2(4);
        Assert.Equal(dcg / ideal, RankingMetrics.Ndcg(top, relevant, 10), 12);
    }

    [Fact]
    public void Full_NdcgIdealIsCappedAtK()
    {
        int[] top = [0, 1];
        int[] relevant = [0, 1, 2, 3];

        Assert.Equal(1.0, RankingMetrics.Ndcg(top, relevant, 2), 12);
    }
}
