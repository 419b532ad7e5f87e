using LeadRecs.Ranking.Data;
using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Simulation;
using Xunit;

namespace LeadRecs.UnitTests.Simulation;

/// <summary>
/// The hidden preferences are only a useful ground truth if knowing them wins: a ranker that cheats by reading
/// them must score near the ceiling and a random ranker near the floor.
/// </summary>
public sealed class RelevanceGroundTruthTests(SyntheticMarketFixture fixture) : IClassFixture<SyntheticMarketFixture>
{
    [Fact]
    public void SyntheticMarket_OracleRankerScoresHigh_RandomRankerScoresFarLower() => AssertInformative(fixture.Market);

    [SharedDataFact(KcHouseReader.RelativePath)]
    public void KcHouseMarket_OracleRankerScoresHigh_RandomRankerScoresFarLower()
    {
        var market = MarketSimulator.Simulate(new SimulationOptions { Seed = 7 });

        Assert.Equal("kc-house", market.Source);
        AssertInformative(market);
    }

    [Fact]
    public void UsersHaveNotSeenEveryRelevantLead()
    {
        // A recommender that leaves out what the user has viewed must still have ten relevant leads to offer.
        var summary = SimulationSummary.Compute(fixture.Market);

        Assert.True(
            summary.UsersWithTenUnviewedRelevantActiveLeads >= 0.95 * summary.Users,
            $"{summary.UsersWithTenUnviewedRelevantActiveLeads} of {summary.Users} users have 10 unviewed relevant leads");
    }

    [Fact]
    public void RelevantAtK_CountsOnlyActiveRelevantLeadsAndScoresShortListsAgainstK()
    {
        var market = fixture.Market;
        var user = market.Users[0];
        var relevant = RelevanceEvaluator.RelevantActiveLeads(market, user);
        var closedRelevant = market.Leads.FirstOrDefault(l => l.Status != LeadStatus.Active && user.HiddenPreference.IsRelevant(l));
        var single = new SimulatedMarket(market.Options, market.Source, market.Leads, [user], [], [], []);

        Assert.Equal(0.5, RelevanceEvaluator.RelevantAtK(single, _ => relevant.Take(5).Select(l => l.Id).ToList()), 3);
        // Repeating an item does not count twice.
        Assert.Equal(0.1, RelevanceEvaluator.RelevantAtK(single, _ => Enumerable.Repeat(relevant[0].Id, 10).ToList()), 3);
        if (closedRelevant is not null)
        {
            Assert.Equal(0.0, RelevanceEvaluator.RelevantAtK(single, _ => [closedRelevant.Id]), 3);
        }
    }

    private static void AssertInformative(SimulatedMarket market)
    {
        var oracle = RelevanceEvaluator.RelevantAtK(market, u => RelevanceEvaluator.OracleRanking(market, u));
        var active = market.Leads.Where(l => l.Status == LeadStatus.Active).Select(l => l.Id).ToArray();
        var random = RelevanceEvaluator.RelevantAtK(market, u =>
        {
            // A seeded shuffle per user, so the test itself is deterministic.
            var rng = DeterministicRandom.For(1, "random-ranker", int.Parse(u.Id["user-".Length..], System.Globalization.CultureInfo.InvariantCulture));
            return Enumerable.Range(0, 10).Select(_ => active[rng.Next(active.Length)]).ToList();
        });

        Assert.True(oracle >= 0.9, $"oracle relevant@10 = {oracle:0.000}");
        Assert.True(random <= 0.1, $"random relevant@10 = {random:0.000}");
        Assert.True(oracle - random >= 0.8, $"oracle {oracle:0.000} vs random {random:0.000}");
    }
}
