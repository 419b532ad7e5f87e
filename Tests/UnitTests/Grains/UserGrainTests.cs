using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using static LeadRecs.UnitTests.Grains.TestLeads;

namespace LeadRecs.UnitTests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class UserGrainTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private async Task<(string Prefix, double Lat, double Lon)> SeedNeighbourhoodAsync()
    {
        var (lat, lon) = PrivateSpot();
        var p = Prefix();
        var leads = new List<LeadInfo>();
        for (var i = 0; i < 12; i++)
        {
            leads.Add(Lead($"{p}-condo{i}", lat + i * 0.001, lon, 400_000 + i * 5_000, LeadKind.Condo));
            leads.Add(Lead($"{p}-land{i}", lat + i * 0.001, lon + 0.002, 2_000_000, LeadKind.Land));
        }
        await Task.WhenAll(leads.Select(l => Grains.GetGrain<ILeadGrain>(l.Id).UpsertAsync(l)));
        return (p, lat, lon);
    }

    private Task ApplyAsync(params InteractionEvent[] events) =>
        Grains.GetGrain<IInteractionIngestGrain>(0).ApplyAsync(events);

    [Fact]
    public async Task Recommends_leads_like_the_ones_the_user_engaged_with()
    {
        var (p, _, _) = await SeedNeighbourhoodAsync();
        var user = $"{p}-user";
        var at = fixture.Time.GetUtcNow();
        await ApplyAsync(
            new InteractionEvent(user, $"{p}-condo0", InteractionKind.Click, at),
            new InteractionEvent(user, $"{p}-condo1", InteractionKind.Inquiry, at),
            new InteractionEvent(user, $"{p}-condo2", InteractionKind.View, at));

        var recs = await Grains.GetGrain<IUserGrain>(user).GetRecommendationsAsync(5);
        Assert.Equal(5, recs.Items.Count);
        Assert.All(recs.Items, i => Assert.Contains("-condo", i.LeadId));
        Assert.DoesNotContain(recs.Items, i => i.LeadId == $"{p}-condo1"); // already inquired
        Assert.Equal(Enumerable.Range(1, 5), recs.Items.Select(i => i.Rank));
        Assert.Equal("baseline", recs.Model.Name);
        Assert.Equal("control", recs.Model.Variant);
    }

    [Fact]
    public async Task The_cached_ranking_is_served_until_behaviour_changes()
    {
        var (p, _, _) = await SeedNeighbourhoodAsync();
        var user = $"{p}-user";
        var at = fixture.Time.GetUtcNow();
        await ApplyAsync(new InteractionEvent(user, $"{p}-condo0", InteractionKind.Click, at));
        var grain = Grains.GetGrain<IUserGrain>(user);

        var first = await grain.GetRecommendationsAsync(5);
        var second = await grain.GetRecommendationsAsync(3);
        Assert.False(first.Cached);
        Assert.True(second.Cached);
        Assert.Equal(first.RecommendationId, second.RecommendationId);
        Assert.Equal(first.Items.Take(3), second.Items);

        await ApplyAsync(new InteractionEvent(user, $"{p}-land3", InteractionKind.Inquiry, at));
        // Computed on this request or just ahead of it (this user reads often, see the refresh-ahead tests): either
        // way a ranking made after the inquiry, never the one before it.
        var third = await grain.GetRecommendationsAsync(5);
        Assert.NotEqual(first.RecommendationId, third.RecommendationId);
        Assert.DoesNotContain(third.Items, i => i.LeadId == $"{p}-land3");
    }

    [Fact]
    public async Task A_user_who_reads_often_finds_the_ranking_refreshed_ahead_after_new_behaviour()
    {
        using var refreshes = new RefreshAheadListener(fixture.Cluster.Silos[0].ServiceProvider);
        var (p, _, _) = await SeedNeighbourhoodAsync();
        var user = $"{p}-user";
        var at = fixture.Time.GetUtcNow();
        await ApplyAsync(new InteractionEvent(user, $"{p}-condo0", InteractionKind.Click, at));
        var grain = Grains.GetGrain<IUserGrain>(user);
        var first = await grain.GetRecommendationsAsync(5);
        Assert.True((await grain.GetRecommendationsAsync(5)).Cached);
        Assert.Equal(0, refreshes.Count);

        await ApplyAsync(new InteractionEvent(user, $"{p}-condo1", InteractionKind.Inquiry, at));
        await Eventually(() => Task.FromResult(refreshes.Count == 1), "the ranking to be refreshed ahead");
        var next = await grain.GetRecommendationsAsync(5);

        Assert.True(next.Cached); // served from memory, computed before the request
        Assert.NotEqual(first.RecommendationId, next.RecommendationId);
        Assert.DoesNotContain(next.Items, i => i.LeadId == $"{p}-condo1"); // made with the inquiry in the features
        Assert.Equal(1, refreshes.Count);
    }

    [Fact]
    public async Task Behaviour_nobody_reads_is_refreshed_ahead_once_and_a_user_who_read_once_not_at_all()
    {
        using var refreshes = new RefreshAheadListener(fixture.Cluster.Silos[0].ServiceProvider);
        var (p, _, _) = await SeedNeighbourhoodAsync();
        var at = fixture.Time.GetUtcNow();
        var reader = $"{p}-reader";
        var once = $"{p}-once";
        await ApplyAsync(new InteractionEvent(reader, $"{p}-condo0", InteractionKind.Click, at), new InteractionEvent(once, $"{p}-condo0", InteractionKind.Click, at));
        await Grains.GetGrain<IUserGrain>(reader).GetRecommendationsAsync(5);
        await Grains.GetGrain<IUserGrain>(reader).GetRecommendationsAsync(5);
        await Grains.GetGrain<IUserGrain>(once).GetRecommendationsAsync(5);

        for (var i = 1; i <= 4; i++)
        {
            await ApplyAsync(
                new InteractionEvent(reader, $"{p}-condo{i}", InteractionKind.View, at),
                new InteractionEvent(once, $"{p}-condo{i}", InteractionKind.View, at));
        }
        await Eventually(() => Task.FromResult(refreshes.Count >= 1), "the reader's ranking to be refreshed ahead");
        // Turns queued after any refresh still pending: none may follow, and the user who read once had none.
        await Grains.GetGrain<IUserGrain>(reader).GetSummaryAsync();
        await Grains.GetGrain<IUserGrain>(once).GetSummaryAsync();
        await Task.Delay(200);
        Assert.Equal(1, refreshes.Count);
        Assert.False((await Grains.GetGrain<IUserGrain>(once).GetRecommendationsAsync(5)).Cached);
    }

    [Fact]
    public async Task Features_survive_deactivation()
    {
        var (p, lat, lon) = await SeedNeighbourhoodAsync();
        var user = $"{p}-user";
        var at = fixture.Time.GetUtcNow();
        await ApplyAsync(
            new InteractionEvent(user, $"{p}-condo0", InteractionKind.Click, at),
            new InteractionEvent(user, $"{p}-condo3", InteractionKind.View, at));
        var grain = Grains.GetGrain<IUserGrain>(user);
        var before = await grain.GetSummaryAsync();

        await fixture.Cluster.DeactivateAsync(grain);
        await fixture.Cluster.WaitForDeactivationAsync(grain);

        var after = await grain.GetSummaryAsync();
        Assert.Equal(2, after.InteractionCount);
        Assert.Equal(before.FeatureVersion, after.FeatureVersion);
        Assert.Equal(before.RecentLeadIds, after.RecentLeadIds);
        Assert.Equal(lat, after.CentreLat!.Value, 1);
        Assert.Equal(lon, after.CentreLon!.Value, 1);
    }

    [Fact]
    public async Task Lead_popularity_survives_deactivation_through_the_lazy_flush()
    {
        var (p, _, _) = await SeedNeighbourhoodAsync();
        var lead = Grains.GetGrain<ILeadGrain>($"{p}-condo5");
        await ApplyAsync(new InteractionEvent($"{p}-u", $"{p}-condo5", InteractionKind.Inquiry, fixture.Time.GetUtcNow()));
        await fixture.Cluster.DeactivateAsync(lead);
        await fixture.Cluster.WaitForDeactivationAsync(lead);
        Assert.Equal(1, (await lead.GetAsync())!.Inquiries);
    }

    [Fact]
    public async Task Cold_users_get_trending_leads()
    {
        var (p, _, _) = await SeedNeighbourhoodAsync();
        await ApplyAsync(Enumerable.Range(0, 5)
            .Select(i => new InteractionEvent($"{p}-crowd{i}", $"{p}-land7", InteractionKind.Inquiry, fixture.Time.GetUtcNow()))
            .ToArray());
        var cold = Grains.GetGrain<IUserGrain>($"{p}-newcomer");
        // Cells report to regions and regions to the trending list on short timers in this fixture.
        await Eventually(async () =>
        {
            await cold.GetSummaryAsync();
            var recs = await Grains.GetGrain<ITrendingGrain>(GeoRegions.TrendingKey).GetTopAsync(500);
            return recs.Any(r => r.Lead.Id == $"{p}-land7");
        }, "the busy lead to reach the trending list");
        await Eventually(async () =>
        {
            var recs = await Grains.GetGrain<IUserGrain>($"{p}-newcomer-{Guid.NewGuid():N}").GetRecommendationsAsync(100);
            return recs.Items.Any(i => i.LeadId == $"{p}-land7");
        }, "a cold user to be offered the trending lead");
    }

    [Fact]
    public async Task Decay_lets_recent_taste_win_over_old_taste()
    {
        var (p, _, _) = await SeedNeighbourhoodAsync();
        var user = $"{p}-user";
        var start = fixture.Time.GetUtcNow();
        await ApplyAsync(Enumerable.Range(0, 6)
            .Select(i => new InteractionEvent(user, $"{p}-land{i}", InteractionKind.Click, start.AddDays(-120)))
            .Append(new InteractionEvent(user, $"{p}-condo0", InteractionKind.Click, start))
            .ToArray());
        var recs = await Grains.GetGrain<IUserGrain>(user).GetRecommendationsAsync(3);
        Assert.All(recs.Items, i => Assert.Contains("-condo", i.LeadId));
    }
}
