using LeadRecs.Ranking.Model;
using Xunit;

namespace LeadRecs.UnitTests.Model;

public sealed class BinaryMetricsTests
{
    [Fact]
    public void Auc_counts_ordered_pairs_and_halves_ties()
    {
        Assert.Equal(1.0, BinaryMetrics.Auc([0.1f, 0.2f, 0.8f, 0.9f], [0, 0, 1, 1]));
        Assert.Equal(0.0, BinaryMetrics.Auc([0.9f, 0.8f, 0.2f, 0.1f], [0, 0, 1, 1]));
        Assert.Equal(0.5, BinaryMetrics.Auc([0.5f, 0.5f, 0.5f, 0.5f], [0, 1, 0, 1]));

        // Pairs (pos, neg): (0.4 > 0.3) yes, (0.4 > 0.6) no, (0.7 > 0.3) yes, (0.7 > 0.6) yes → 3/4.
        Assert.Equal(0.75, BinaryMetrics.Auc([0.3f, 0.4f, 0.6f, 0.7f], [0, 1, 0, 1]));
        Assert.True(double.IsNaN(BinaryMetrics.Auc([0.3f, 0.4f], [1, 1])));
    }
}
