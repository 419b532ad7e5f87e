using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Geo;
using LeadRecs.Ranking.Simulation;
using LeadRecs.Ranking.Training;

namespace LeadRecs.UnitTests.Training;

public sealed class PointInTimeMarketTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 2, 0, 0, 0, TimeSpan.Zero);

    private static Lead House(string id, DateTimeOffset listedAt) => new(id, 47.6, -122.3, 500_000, LeadKind.House, 3, 120, listedAt, LeadStatus.Closed);

    [Fact]
    public void Supply_follows_listings_and_status_changes_not_the_catalogs_final_status()
    {
        var history = new MarketHistory(
            [House("a", T0.AddDays(-30)), House("b", T0.AddDays(2))],
            [],
            [],
            [new LeadStatusChange("a", LeadStatus.Pending, T0.AddDays(5)), new LeadStatusChange("a", LeadStatus.Active, T0.AddDays(9))]);
        var market = new PointInTimeMarket(history);
        market.TryGetLead("a", out var a);
        market.TryGetLead("b", out var b);

        market.AdvanceTo(T0);
        Assert.True(market.IsAvailable(a));                // closed in the catalog, but that is the end of the story
        Assert.False(market.IsAvailable(b));               // not listed yet
        Assert.Equal(1, market.Candidate(a).CellSupply);

        market.AdvanceTo(T0.AddDays(6));
        Assert.False(market.IsAvailable(a));
        Assert.Equal(LeadStatus.Pending, market.Candidate(a).Status);
        Assert.Equal(1, market.Candidate(b).CellSupply);

        market.AdvanceTo(T0.AddDays(10));
        Assert.Equal(2, market.Candidate(a).CellSupply);
        Assert.Throws<InvalidOperationException>(() => market.AdvanceTo(T0));
    }

    [Fact]
    public void A_market_point_is_known_only_after_its_day_has_ended()
    {
        var cell = GeoCell.FromLatLon(47.6, -122.3).ToString();
        var day = DateOnly.FromDateTime(T0.UtcDateTime);
        var history = new MarketHistory(
            [House("a", T0.AddDays(-30))],
            [],
            [new MarketPoint(cell, day.AddDays(-30), 400_000, null, 1, null), new MarketPoint(cell, day, 440_000, null, 1, null)],
            []);
        var market = new PointInTimeMarket(history);

        market.AdvanceTo(T0.AddHours(23));
        Assert.Equal(0, market.Candidate(0).MarketTrend);   // one point so far: no trend
        market.AdvanceTo(T0.AddDays(1));
        Assert.Equal(MarketTrend.MonthlyLogSlope([(day.AddDays(-30), 400_000), (day, 440_000)]), market.Candidate(0).MarketTrend, 12);
    }

    [Fact]
    public void Popularity_demand_and_profiles_are_what_the_grains_would_compute()
    {
        var history = new MarketHistory([House("a", T0.AddDays(-30))], [], [], []);
        var market = new PointInTimeMarket(history);
        var options = FeatureOptions.Default;
        Assert.True(market.Profile("u").IsCold);

        market.Apply(new Interaction("u", "a", InteractionKind.Click, T0));
        market.Apply(new Interaction("v", "a", InteractionKind.View, T0.AddDays(1)));
        Assert.False(market.Apply(new Interaction("v", "unknown", InteractionKind.View, T0.AddDays(1))));
        market.AdvanceTo(T0.AddDays(4));

        var expected = new Decayed(3, T0).Add(1, T0.AddDays(1), options.PopularityHalfLife).ValueAt(T0.AddDays(4), options.PopularityHalfLife);
        var candidate = market.Candidate(0);
        Assert.Equal(expected, candidate.Popularity, 12);
        Assert.Equal(expected, candidate.CellDemand, 12);
        var reference = new UserFeatures();
        reference.Apply(new LeadFacts("a", 47.6, -122.3, 500_000, LeadKind.House, 3, candidate.CellId), InteractionKind.Click, T0, options);
        var profile = market.Profile("u");
        Assert.Equal(reference.ToProfile("u", T0.AddDays(4), options).KindShare, profile.KindShare);
        Assert.Equal(T0.AddDays(4), profile.AsOf);
    }
}
