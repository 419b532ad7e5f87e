using LeadRecs.Ranking.Evaluation.Models;

namespace LeadRecs.UnitTests.Evaluation;

public sealed class EarlyStoppingTests
{
    [Fact]
    public void Keeps_the_first_best_epoch_and_stops_after_patience_checks_without_a_gain()
    {
        var stopping = new EarlyStopping(patience: 2, initialEpoch: 0);
        Assert.True(stopping.Observe(1, 0.10));
        Assert.True(stopping.Observe(2, 0.30));
        Assert.True(stopping.Observe(3, 0.30)); // a tie is no gain: the earlier epoch stays best
        Assert.False(stopping.Observe(4, 0.20));
        Assert.Equal(2, stopping.BestEpoch);
        Assert.Equal(0.30, stopping.BestMetric);
    }

    [Fact]
    public void Before_any_check_the_initial_epoch_is_best()
    {
        var stopping = new EarlyStopping(patience: 3, initialEpoch: 1);
        Assert.Equal(1, stopping.BestEpoch);
        Assert.Equal(double.NegativeInfinity, stopping.BestMetric);
    }
}
