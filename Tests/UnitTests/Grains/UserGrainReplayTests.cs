using LeadRecs.Grains.Fraud;
using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Grains.Mapping;
using LeadRecs.Grains.State;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using static LeadRecs.UnitTests.Grains.TestLeads;
using DomainInteraction = LeadRecs.Ranking.Domain.Interaction;

namespace LeadRecs.UnitTests.Grains;

/// <summary>
/// The user grain writes its state behind and replays its user's rows of the interaction log when it starts (embedded
/// mode: the in-memory log and storage). The kill -9 version of this is in the integration tests.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class UserGrainReplayTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private async Task<string> SeedLeadsAsync()
    {
        var (lat, lon) = PrivateSpot();
        var p = Prefix();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Grains.GetGrain<ILeadGrain>($"{p}-l{i}").UpsertAsync(Lead($"{p}-l{i}", lat + i * 0.001, lon))));
        return p;
    }

    private static InteractionEvent Event(string p, string user, int lead, int n, InteractionKind kind = InteractionKind.View) =>
        new(user, $"{p}-l{lead}", kind, GrainClusterFixture.Start.AddMinutes(n), $"{p}-{user}-{n}");

    /// <summary>What POST /api/events does: log the batch, then apply it with the positions the log gave.</summary>
    private async Task<InteractionEvent[]> LogAsync(params InteractionEvent[] events)
    {
        var logged = await fixture.Log.AppendWithPositionsAsync(events
            .Select(e => new DomainInteraction(e.UserId, e.LeadId, e.Kind.ToDomain(), e.At, e.EventId, e.RecommendationId, e.Flags.ToDomain()))
            .ToArray());
        return events.Select((e, i) => e with { LogPosition = logged.Positions[i] }).ToArray();
    }

    private Task ApplyAsync(InteractionEvent[] events) => Grains.GetGrain<IInteractionIngestGrain>(0).ApplyAsync(events);

    [Fact]
    public async Task Events_logged_but_never_delivered_are_applied_when_the_grain_starts()
    {
        var p = await SeedLeadsAsync();
        var user = $"{p}-u";
        // An API that died between the log and the grains: the events are durable, the grain never heard of them.
        await LogAsync(Event(p, user, 0, 1, InteractionKind.Click), Event(p, user, 1, 2), Event(p, "someone-else", 2, 3));

        var summary = await Grains.GetGrain<IUserGrain>(user).GetSummaryAsync();

        Assert.Equal(2, summary.InteractionCount);
        Assert.Equal([$"{p}-l1", $"{p}-l0"], summary.RecentLeadIds);
    }

    [Fact]
    public async Task A_delivery_of_what_the_grain_already_replayed_counts_once_however_often_it_comes()
    {
        var p = await SeedLeadsAsync();
        var user = $"{p}-u";
        var batch = await LogAsync(Enumerable.Range(0, 200).Select(n => Event(p, user, n % 6, n)).ToArray());

        // The first delivery activates the grain, which replays all 200 from the log first: more than the grain's
        // window of recent event ids, so only the positions can tell that the delivery is nothing new.
        await ApplyAsync(batch);
        await ApplyAsync(batch);
        await ApplyAsync(batch.Take(50).ToArray());

        Assert.Equal(200, (await Grains.GetGrain<IUserGrain>(user).GetSummaryAsync()).InteractionCount);
    }

    [Fact]
    public async Task Flagged_rows_are_not_replayed()
    {
        var p = await SeedLeadsAsync();
        var user = $"{p}-u";
        await LogAsync(Event(p, user, 0, 1), Event(p, user, 1, 2) with { Flags = InteractionFlags.Burst });

        Assert.Equal(1, (await Grains.GetGrain<IUserGrain>(user).GetSummaryAsync()).InteractionCount);
    }

    [Fact]
    public async Task A_grain_whose_last_write_was_lost_recovers_its_features_from_the_log()
    {
        var p = await SeedLeadsAsync();
        var user = $"{p}-u";
        var grain = Grains.GetGrain<IUserGrain>(user);
        await ApplyAsync(await LogAsync(Event(p, user, 0, 1, InteractionKind.Click), Event(p, user, 1, 2)));
        await fixture.Cluster.DeactivateAsync(grain);
        await fixture.Cluster.WaitForDeactivationAsync(grain);
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(LeadRecsGrainOptions.StorageName);
        var older = new GrainState<UserGrainState>(new UserGrainState());
        await storage.ReadStateAsync("user", grain.GetGrainId(), older);

        await ApplyAsync(await LogAsync(Event(p, user, 2, 3, InteractionKind.Inquiry), Event(p, user, 3, 4)));
        await ApplyAsync(await LogAsync(Event(p, user, 4, 5)));
        var expected = await grain.GetSummaryAsync();
        await fixture.Cluster.DeactivateAsync(grain);
        await fixture.Cluster.WaitForDeactivationAsync(grain);
        // As if the silo had died before the writes after the first batch: storage holds the older state again.
        var current = new GrainState<UserGrainState>(new UserGrainState());
        await storage.ReadStateAsync("user", grain.GetGrainId(), current);
        await storage.WriteStateAsync("user", grain.GetGrainId(), new GrainState<UserGrainState>(older.State!, current.ETag));

        var recovered = await grain.GetSummaryAsync();

        Assert.Equal(2, older.State!.Features.InteractionCount);
        Assert.Equal(5, recovered.InteractionCount);
        Assert.Equal(expected.RecentLeadIds, recovered.RecentLeadIds);
        Assert.Equal(expected.LastActivity, recovered.LastActivity);
        Assert.Equal(expected.CentreLat!.Value, recovered.CentreLat!.Value, 9);
        Assert.Equal(expected.TopCellIds, recovered.TopCellIds);
    }
}
