using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Fraud;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Ranking.Geo;
using static LeadRecs.UnitTests.Grains.TestLeads;

namespace LeadRecs.UnitTests.Grains;

/// <summary>The fraud filter as the service runs it: screen grains, the flagged-users list, and flagged events kept out of aggregates.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class FraudGrainTests(GrainClusterFixture fixture)
{
    private static readonly DateTimeOffset T0 = GrainClusterFixture.Start;

    private IGrainFactory Grains => fixture.Grains;

    private IInteractionScreenGrain Screen => Grains.GetGrain<IInteractionScreenGrain>(0);

    /// <summary>A scraper's pace: 1.5 s apart on average, irregular.</summary>
    private static InteractionEvent[] Burst(string user, string p, int from, int count) =>
        Enumerable.Range(from, count)
            .Select(i => new InteractionEvent(user, $"{p}-l{i % 7}", InteractionKind.View, T0.AddSeconds(i * 1.5 + i * 7 % 5 * 0.3), $"{p}-e{i}"))
            .ToArray();

    [Fact]
    public async Task A_burst_is_flagged_the_same_way_on_a_retry_and_its_user_is_listed()
    {
        var p = Prefix();
        var user = $"{p}-bot";
        var batch = Burst(user, p, 0, 40);

        var verdict = await Screen.ScreenAsync(batch, "test-client");
        var retry = await Screen.ScreenAsync(batch, "test-client");

        Assert.All(verdict.Flags, f => Assert.Equal(InteractionFlags.Burst, f));
        Assert.Equal(verdict.Flags, retry.Flags);
        Assert.Empty(verdict.Retroactive);
        var listed = await Grains.GetGrain<IFlaggedUsersGrain>(IFlaggedUsersGrain.Key).ListAsync(1000);
        var entry = Assert.Single(listed, u => u.UserId == user);
        Assert.Equal(InteractionFlags.Burst, entry.Reasons);
        Assert.Equal(40, entry.FlaggedEvents);
    }

    [Fact]
    public async Task A_later_batch_flags_the_run_up_of_earlier_ones()
    {
        var p = Prefix();
        var user = $"{p}-bot";
        var first = Burst(user, p, 0, 20);

        Assert.All((await Screen.ScreenAsync(first, "test-client")).Flags, f => Assert.Equal(InteractionFlags.None, f));
        var second = await Screen.ScreenAsync(Burst(user, p, 20, 20), "test-client");

        Assert.All(second.Flags, f => Assert.Equal(InteractionFlags.Burst, f));
        Assert.Equal(first.Select(e => e.EventId).Order(), second.Retroactive.Select(e => e.EventId).Order());
        Assert.All(second.Retroactive, e => Assert.Equal((user, InteractionFlags.Burst), (e.UserId, e.Flags)));
        // Asked again about the first batch (a client retry), the screen now answers with what it knows.
        Assert.All((await Screen.ScreenAsync(first, "test-client")).Flags, f => Assert.Equal(InteractionFlags.Burst, f));
    }

    [Fact]
    public async Task Accounts_of_one_client_moving_in_lockstep_are_flagged()
    {
        var p = Prefix();
        var client = $"farm-{p}";
        var flags = new List<InteractionFlags>();
        // Eight accounts view four leads together, each within two seconds of the others, a few minutes apart.
        for (var step = 0; step < 4; step++)
        {
            var batch = Enumerable.Range(0, 8)
                .Select(a => new InteractionEvent($"{p}-acct{a}", $"{p}-lead{step}", InteractionKind.View,
                    T0.AddSeconds(step * 170 + a * 0.25), $"{p}-s{step}-a{a}"))
                .ToArray();
            flags.AddRange((await Screen.ScreenAsync(batch, client)).Flags);
        }
        Assert.Contains(InteractionFlags.Lockstep, flags);
        Assert.All(flags.Take(16), f => Assert.Equal(InteractionFlags.None, f));

        // The same timing from different clients is not a lockstep partition.
        var alone = Enumerable.Range(0, 8).Select(a => Screen.ScreenAsync(
            [new InteractionEvent($"{p}-solo{a}", $"{p}-lead9", InteractionKind.View, T0.AddSeconds(a * 0.25), $"{p}-solo{a}")], $"client-{p}-{a}"));
        Assert.All(await Task.WhenAll(alone), v => Assert.Equal(InteractionFlags.None, v.Flags[0]));
    }

    [Fact]
    public async Task Flagged_events_count_for_nothing_and_retracted_ones_are_taken_back()
    {
        var (lat, lon) = PrivateSpot();
        var p = Prefix();
        var leadId = $"{p}-lead";
        await Grains.GetGrain<ILeadGrain>(leadId).UpsertAsync(Lead(leadId, lat, lon));
        var ingest = Grains.GetGrain<IInteractionIngestGrain>(0);
        var cell = Grains.GetGrain<IGeoCellGrain>(GeoCell.FromLatLon(lat, lon, GeoRegions.CellZoom).ToString());

        await ingest.ApplyAsync([new InteractionEvent($"{p}-u", leadId, InteractionKind.Click, T0, $"{p}-flagged", Flags: InteractionFlags.Hammering)]);
        var untouched = await Grains.GetGrain<ILeadGrain>(leadId).GetAsync();
        Assert.Equal((0, 0.0), (untouched!.Clicks, untouched.Popularity));
        Assert.Equal(0, (await Grains.GetGrain<IUserGrain>($"{p}-u").GetSummaryAsync()).InteractionCount);

        InteractionEvent[] clean =
        [
            new($"{p}-u", leadId, InteractionKind.View, T0, $"{p}-a"),
            new($"{p}-u", leadId, InteractionKind.Click, T0.AddMinutes(1), $"{p}-b"),
        ];
        await ingest.ApplyAsync(clean);
        var applied = await Grains.GetGrain<ILeadGrain>(leadId).GetAsync();
        Assert.Equal((1, 1), (applied!.Views, applied.Clicks));
        Assert.True((await cell.GetStatsAsync()).Demand > 0);

        await ingest.RetractAsync(clean.Select(e => e with { Flags = InteractionFlags.Burst }).ToArray());
        await ingest.RetractAsync(clean.Select(e => e with { Flags = InteractionFlags.Burst }).ToArray());
        var retracted = await Grains.GetGrain<ILeadGrain>(leadId).GetAsync();
        Assert.Equal((0, 0), (retracted!.Views, retracted.Clicks));
        Assert.InRange(retracted.Popularity, 0, 1e-9);
        // A cell adds a lead's batch at its latest time undecayed; a retraction takes each event back decayed to its own
        // time, so a minute's decay (out of a three-day half-life) is all that may remain.
        Assert.InRange((await cell.GetStatsAsync()).Demand, -1e-3, 1e-3);
    }
}
