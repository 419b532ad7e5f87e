using LeadRecs.Ranking.Fraud;

namespace LeadRecs.UnitTests.Fraud;

public sealed class LockstepDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Five_users_on_one_lead_within_seconds_are_a_synchronised_group()
    {
        var detector = new LockstepDetector(new FraudOptions());
        var hits = Enumerable.Range(0, 6).Select(u => detector.Observe("lead", $"u{u}", T0.AddSeconds(u * 0.7))).ToList();

        Assert.Equal([false, false, false, false, true, true], hits);
    }

    [Fact]
    public void Users_spread_over_minutes_or_one_user_repeating_are_not()
    {
        var spread = new LockstepDetector(new FraudOptions());
        Assert.All(Enumerable.Range(0, 8).Select(u => spread.Observe("lead", $"u{u}", T0.AddSeconds(u * 30))), Assert.False);

        var oneUser = new LockstepDetector(new FraudOptions());
        Assert.All(Enumerable.Range(0, 8).Select(i => oneUser.Observe("lead", "u", T0.AddSeconds(i))), Assert.False);

        var differentLeads = new LockstepDetector(new FraudOptions());
        Assert.All(Enumerable.Range(0, 8).Select(u => differentLeads.Observe($"lead-{u}", $"u{u}", T0.AddSeconds(u))), Assert.False);
    }

    [Fact]
    public void A_busy_lead_needs_a_group_well_above_its_own_rate()
    {
        var detector = new LockstepDetector(new FraudOptions());
        // An hour of a new visitor every 4 seconds: about 5 in any 20-second window, by chance alone.
        var hits = 0;
        for (var i = 0; i < 900; i++)
        {
            hits += detector.Observe("hot", $"visitor-{i}", T0.AddSeconds(i * 4)) ? 1 : 0;
        }
        Assert.Equal(0, hits);

        // A farm of 30 accounts within two seconds still stands out.
        var farm = Enumerable.Range(0, 30).Select(a => detector.Observe("hot", $"farm-{a}", T0.AddSeconds(3600 + a * 0.06))).ToList();
        Assert.True(farm[^1]);
    }

    [Fact]
    public void Leads_nobody_touched_for_an_hour_are_forgotten()
    {
        var detector = new LockstepDetector(new FraudOptions());
        for (var i = 0; i < 5000; i++)
        {
            detector.Observe($"lead-{i}", "u", T0.AddSeconds(i));
        }
        for (var i = 0; i < 5000; i++)
        {
            detector.Observe("late", "u", T0.AddHours(3).AddSeconds(i * 0.01));
        }
        Assert.InRange(detector.TrackedLeads, 1, 10);
    }
}
