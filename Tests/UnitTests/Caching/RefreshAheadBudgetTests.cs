using LeadRecs.Grains.Caching;
using LeadRecs.Grains.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LeadRecs.UnitTests.Caching;

public sealed class RefreshAheadBudgetTests
{
    private static (RefreshAheadBudget Budget, FakeTimeProvider Time) Budget(int perSecond)
    {
        var time = new FakeTimeProvider();
        return (new RefreshAheadBudget(Options.Create(new LeadRecsGrainOptions { RefreshAheadPerSecond = perSecond }), time), time);
    }

    private static int Takes(RefreshAheadBudget budget, int attempts) => Enumerable.Range(0, attempts).Count(_ => budget.TryTake());

    [Fact]
    public void A_burst_gets_one_second_of_budget_and_the_rest_is_skipped()
    {
        var (budget, _) = Budget(perSecond: 3);
        Assert.Equal(3, Takes(budget, 10));
    }

    [Fact]
    public void The_budget_refills_at_its_rate_and_never_beyond_one_second()
    {
        var (budget, time) = Budget(perSecond: 4);
        Assert.Equal(4, Takes(budget, 4));

        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(2, Takes(budget, 10));

        time.Advance(TimeSpan.FromMinutes(5)); // idle for long: still one second's worth, not five minutes'
        Assert.Equal(4, Takes(budget, 100));
    }
}
