using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Fraud;
using LeadRecs.Ranking.Fraud.Evaluation;
using LeadRecs.Ranking.Simulation.Bots;
using LeadRecs.UnitTests.Simulation;

namespace LeadRecs.UnitTests.Fraud;

/// <summary>
/// Bots injected into the simulator's market, and the filter measured against them: share of bot events caught
/// (recall, target at least 0.95) and share of people's events flagged (false-positive rate, target at most 0.01).
/// </summary>
public sealed class BotInjectionTests(SyntheticMarketFixture fixture) : IClassFixture<SyntheticMarketFixture>
{
    private static readonly BotOptions Bots = new();

    [Fact]
    public void Injecting_bots_leaves_the_people_and_their_events_as_simulated()
    {
        var market = fixture.Market;
        var injected = BotInjector.Inject(market, Bots);

        Assert.Same(market, injected.Market);
        Assert.Equal(Bots.Accounts, injected.Bots.Count);
        Assert.Equal(market.Interactions, injected.Interactions.Where(i => !injected.IsBot(i.UserId)));
        Assert.All(injected.Interactions.Where(i => injected.IsBot(i.UserId)), i => Assert.StartsWith("bot-", i.EventId));
        Assert.True(injected.Interactions.Zip(injected.Interactions.Skip(1)).All(p => p.First.At <= p.Second.At), "events are in time order");
        Assert.Equal(Enum.GetValues<BotKind>().Order(), injected.Bots.Select(b => b.Kind).Distinct().Order());
    }

    [Fact]
    public void The_same_bot_options_give_the_same_bots()
    {
        var first = BotInjector.Inject(fixture.Market, Bots);
        var second = BotInjector.Inject(fixture.Market, Bots);
        var otherSeed = BotInjector.Inject(fixture.Market, Bots with { Seed = Bots.Seed + 1 });

        Assert.Equal(first.Interactions, second.Interactions);
        Assert.Equal(first.PromotedLeads, second.PromotedLeads);
        Assert.NotEqual(first.Interactions.Count, otherSeed.Interactions.Count);
    }

    [Fact]
    public void The_filter_catches_the_bots_and_spares_the_people()
    {
        var market = BotInjector.Inject(fixture.Market, Bots);
        var result = FraudEvaluation.Run(market, FraudOptions.Default);

        Assert.True(result.AtIngestion.Recall >= 0.95, $"recall at ingestion {result.AtIngestion.Recall:0.0000}");
        Assert.True(result.InLog.Recall >= 0.99, $"recall in the log {result.InLog.Recall:0.0000}");
        Assert.True(result.InLog.FalsePositiveRate <= 0.001, $"false-positive rate {result.InLog.FalsePositiveRate:0.0000}");
        Assert.Equal(result.InLog.BotAccounts, result.InLog.BotAccountsFlagged);

        // Each pattern is caught by the rule written for it.
        var reasons = result.AtIngestion.ByKind.ToDictionary(k => k.Key, k => k.Value.Reasons);
        Assert.True(reasons[BotKind.Scraper].HasFlag(InteractionFlags.Burst));
        Assert.True(reasons[BotKind.Metronome].HasFlag(InteractionFlags.RegularIntervals));
        Assert.True(reasons[BotKind.Hammer].HasFlag(InteractionFlags.Hammering));
        Assert.True(reasons[BotKind.LockstepFarm].HasFlag(InteractionFlags.Lockstep));
        Assert.True(reasons[BotKind.InquirySpammer].HasFlag(InteractionFlags.InquiryFlood));
        Assert.All(result.AtIngestion.ByKind.Values, k => Assert.True((double)k.Flagged / k.Events >= 0.8, $"{k.Flagged} of {k.Events}"));
    }

    [Fact]
    public void People_stay_clear_of_every_threshold()
    {
        var options = FraudOptions.Default;
        var people = HumanHeadroom.Compute(fixture.Market.Interactions, options);

        Assert.True(people.MaxEventsPerMinute * 2 <= options.MaxEventsPerMinute, $"{people}");
        Assert.True(people.MaxEventsPerHour * 2 <= options.MaxEventsPerHour, $"{people}");
        Assert.True(people.MinRegularityCv >= options.MaxRegularityCv * 1.5, $"{people}");
        Assert.True(people.MaxSameLeadPerHour * 1.5 <= options.MaxSameLeadPerHour, $"{people}");
        Assert.True(people.MaxSameLeadPerDay * 2 <= options.MaxSameLeadPerDay, $"{people}");
        Assert.True(people.MaxInquiriesPerHour * 1.5 <= options.MaxInquiriesPerHour, $"{people}");
        Assert.True(people.MaxInquiriesPerDay * 2 <= options.MaxInquiriesPerDay, $"{people}");
    }

    [Fact]
    public void Filtering_takes_the_promoted_leads_back_out_of_the_rankings()
    {
        var market = BotInjector.Inject(fixture.Market, Bots);
        var result = FraudEvaluation.Run(market, FraudOptions.Default);
        var impact = FilterImpact.Measure(market, result.InLog.Flags, result.AtIngestion.Flags);

        // Unfiltered, the pushed leads fill a newcomer's list and creep into people's.
        Assert.True(impact.WithBots.NewUserPromotedShare >= 0.5, $"{impact.WithBots}");
        Assert.True(impact.WithBots.PromotedShare > impact.Clean.PromotedShare, $"{impact}");
        // What the log keeps ranks as if there had been no bots.
        Assert.Equal(impact.Clean, impact.Filtered);
        Assert.True(impact.FilteredAtIngestion!.PromotedShare < impact.WithBots.PromotedShare, $"{impact}");
    }
}
