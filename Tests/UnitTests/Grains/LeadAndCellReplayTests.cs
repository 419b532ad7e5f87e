using LeadRecs.Grains.Fraud;
using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Grains.Mapping;
using LeadRecs.Grains.State;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Geo;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using static LeadRecs.UnitTests.Grains.TestLeads;
using DomainInteraction = LeadRecs.Ranking.Domain.Interaction;

namespace LeadRecs.UnitTests.Grains;

/// <summary>
/// Lead grains write popularity and funnel counts behind and replay their lead's rows of the interaction log when
/// they start; a cell's demand is the sum of its leads' popularity (embedded mode: the in-memory log and storage).
/// The kill -9 version of this is in the integration tests (AggregateRecoveryTests).
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class LeadAndCellReplayTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private IGrainStorage Storage =>
        fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(LeadRecsGrainOptions.StorageName);

    private async Task<(string P, string Cell)> SeedLeadsAsync()
    {
        var (lat, lon) = PrivateSpot();
        var p = Prefix();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            Grains.GetGrain<ILeadGrain>($"{p}-l{i}").UpsertAsync(Lead($"{p}-l{i}", lat, lon))));
        return (p, GeoCell.FromLatLon(lat, lon, GeoRegions.CellZoom).ToString());
    }

    private static InteractionEvent Event(string p, int lead, int n, InteractionKind kind = InteractionKind.View) =>
        new($"{p}-u{n % 4}", $"{p}-l{lead}", kind, GrainClusterFixture.Start.AddMinutes(n), $"{p}-e{n}");

    /// <summary>What POST /api/events does: log the batch, then apply it with the positions the log gave.</summary>
    private async Task<InteractionEvent[]> LogAsync(params InteractionEvent[] events)
    {
        var logged = await fixture.Log.AppendWithPositionsAsync(events
            .Select(e => new DomainInteraction(e.UserId, e.LeadId, e.Kind.ToDomain(), e.At, e.EventId, e.RecommendationId, e.Flags.ToDomain()))
            .ToArray());
        return events.Select((e, i) => e with { LogPosition = logged.Positions[i] }).ToArray();
    }

    private Task ApplyAsync(InteractionEvent[] events) => Grains.GetGrain<IInteractionIngestGrain>(0).ApplyAsync(events);

    /// <summary>A time after every event of these tests, where decayed values are compared.</summary>
    private static readonly DateTimeOffset Later = GrainClusterFixture.Start.AddDays(1);

    private static double PopularityLater(LeadSnapshot lead) =>
        new Decayed(lead.Popularity, lead.PopularityAsOf).ValueAt(Later, FeatureOptions.Default.PopularityHalfLife);

    /// <summary>Popularity (at <see cref="Later"/>) and funnel counts of a lead as its unflagged log rows say.</summary>
    private async Task<(double Popularity, long Views, long Clicks, long Inquiries)> FromLogAsync(string leadId)
    {
        var popularity = Decayed.Zero;
        var counts = new long[3];
        await foreach (var (_, row) in fixture.Log.ReadLeadAsync(leadId, 0))
        {
            popularity = popularity.Add(InteractionWeights.Of(row.Kind), row.At, FeatureOptions.Default.PopularityHalfLife);
            counts[(int)row.Kind]++;
        }
        return (popularity.ValueAt(Later, FeatureOptions.Default.PopularityHalfLife), counts[0], counts[1], counts[2]);
    }

    private async Task DeactivateAsync(IGrain grain)
    {
        await fixture.Cluster.DeactivateAsync(grain);
        await fixture.Cluster.WaitForDeactivationAsync(grain);
    }

    private async Task<GrainState<T>> ReadStoredAsync<T>(string name, IGrain grain) where T : new()
    {
        var stored = new GrainState<T>(new T());
        await Storage.ReadStateAsync(name, grain.GetGrainId(), stored);
        return stored;
    }

    /// <summary>As if the silo had died before the writes after <paramref name="older"/>: storage holds it again.</summary>
    private async Task RestoreAsync<T>(string name, IGrain grain, T older) where T : new()
    {
        var current = await ReadStoredAsync<T>(name, grain);
        await Storage.WriteStateAsync(name, grain.GetGrainId(), new GrainState<T>(older, current.ETag));
    }

    [Fact]
    public async Task Events_logged_but_never_delivered_reach_the_lead_and_its_cell_when_the_lead_starts()
    {
        var (p, cellId) = await SeedLeadsAsync();
        var lead = Grains.GetGrain<ILeadGrain>($"{p}-l0");
        await DeactivateAsync(lead);
        // An API that died between the log and the grains: the events are durable, the grains never heard of them.
        await LogAsync(Event(p, 0, 1, InteractionKind.Click), Event(p, 0, 2), Event(p, 1, 3));

        var snapshot = await lead.GetAsync();

        Assert.Equal((1L, 1L, 0L), (snapshot!.Views, snapshot.Clicks, snapshot.Inquiries));
        Assert.Equal((await FromLogAsync($"{p}-l0")).Popularity, PopularityLater(snapshot), 9);
        // The lead tells its cell in a turn of its own, right after it started.
        var cell = Grains.GetGrain<IGeoCellGrain>(cellId);
        await Eventually(async () => Math.Abs((await cell.GetStatsAsync()).Demand - snapshot.Popularity) < 1e-9, "the cell to hear of the replay");
    }

    [Fact]
    public async Task Leads_and_a_cell_whose_last_writes_were_lost_come_back_to_what_the_log_says()
    {
        var (p, cellId) = await SeedLeadsAsync();
        var leads = Enumerable.Range(0, 3).Select(i => Grains.GetGrain<ILeadGrain>($"{p}-l{i}")).ToArray();
        var cell = Grains.GetGrain<IGeoCellGrain>(cellId);
        await ApplyAsync(await LogAsync(Event(p, 0, 1, InteractionKind.Click), Event(p, 1, 2)));
        foreach (var grain in leads)
        {
            await DeactivateAsync(grain);
        }
        await DeactivateAsync(cell);
        var olderLeads = await Task.WhenAll(leads.Select(l => ReadStoredAsync<LeadGrainState>("lead", l)));
        var olderCell = await ReadStoredAsync<GeoCellState>("cell", cell);

        // More than the lead's window of recent event ids: only positions can tell what the replay already applied.
        var batch = await LogAsync(Enumerable.Range(3, 300).Select(n => Event(p, n % 3, n, n % 10 == 0 ? InteractionKind.Inquiry : InteractionKind.View)).ToArray());
        await ApplyAsync(batch);
        var expected = await Task.WhenAll(leads.Select(l => l.GetAsync()));
        var expectedDemand = (await cell.GetStatsAsync()).Demand;
        foreach (var grain in leads)
        {
            await DeactivateAsync(grain);
        }
        await DeactivateAsync(cell);
        for (var i = 0; i < leads.Length; i++)
        {
            await RestoreAsync("lead", leads[i], olderLeads[i].State!);
        }
        // As the activation that read the older state left it: a cell that starts marks its state incomplete at once.
        olderCell.State!.Complete = false;
        await RestoreAsync("cell", cell, olderCell.State);

        // The cell starts first and asks its leads, which replay the log as they start.
        var demand = (await cell.GetStatsAsync()).Demand;
        var recovered = await Task.WhenAll(leads.Select(l => l.GetAsync()));

        Assert.True(olderCell.State.DemandByLead.Values.Sum(d => d.Value) < expectedDemand / 10);
        Assert.Equal(expectedDemand, demand, 9);
        for (var i = 0; i < leads.Length; i++)
        {
            var log = await FromLogAsync($"{p}-l{i}");
            Assert.Equal((log.Views, log.Clicks, log.Inquiries), (recovered[i]!.Views, recovered[i]!.Clicks, recovered[i]!.Inquiries));
            Assert.Equal(log.Popularity, PopularityLater(recovered[i]!), 9);
            Assert.Equal(expected[i]!.Popularity, recovered[i]!.Popularity, 9);
        }
        var now = fixture.Time.GetUtcNow();
        Assert.Equal(expectedDemand, recovered.Sum(l => new Decayed(l!.Popularity, l.PopularityAsOf).ValueAt(now, FeatureOptions.Default.PopularityHalfLife)), 9);

        // Delivering the batch again (an API retry) counts nothing twice, at the leads or at the cell.
        await ApplyAsync(batch);
        Assert.Equal(recovered.Select(l => l!.Views), (await Task.WhenAll(leads.Select(l => l.GetAsync()))).Select(l => l!.Views));
        Assert.Equal(expectedDemand, (await cell.GetStatsAsync()).Demand, 9);
    }

    [Fact]
    public async Task A_retraction_is_written_at_once_and_flagged_rows_are_not_replayed()
    {
        var (p, cellId) = await SeedLeadsAsync();
        var lead = Grains.GetGrain<ILeadGrain>($"{p}-l0");
        var clean = await LogAsync(Event(p, 0, 1), Event(p, 0, 2, InteractionKind.Click), Event(p, 0, 3));
        var bot = await LogAsync(Event(p, 0, 4, InteractionKind.Inquiry) with { Flags = InteractionFlags.Burst });
        await ApplyAsync([.. clean, .. bot]);
        Assert.Equal((2L, 1L, 0L), await CountsAsync());

        // The bot's run-up caught later: flagged in the log, then taken back out of the lead and its cell.
        var runUp = clean.Skip(1).Select(e => e with { Flags = InteractionFlags.Burst }).ToArray();
        await fixture.Log.FlagAsync(runUp.Select(e => (e.EventId!, InteractionFlags.Burst.ToDomain())).ToArray());
        await Grains.GetGrain<IInteractionIngestGrain>(0).RetractAsync(runUp);

        // Durable before the call returned: a crash now cannot bring the run-up back (its rows are below the position).
        var stored = await ReadStoredAsync<LeadGrainState>("lead", lead);
        Assert.Equal((1L, 0L, 0L), (stored.State!.Views, stored.State.Clicks, stored.State.Inquiries));
        await DeactivateAsync(lead);
        await RestoreAsync("lead", lead, stored.State);
        Assert.Equal((1L, 0L, 0L), await CountsAsync());
        var log = await FromLogAsync($"{p}-l0");
        Assert.Equal((1L, 0L, 0L), (log.Views, log.Clicks, log.Inquiries));
        var recovered = (await lead.GetAsync())!;
        Assert.Equal(log.Popularity, PopularityLater(recovered), 9);
        // The cell's only lead with interactions: its demand is that lead's popularity.
        Assert.Equal(recovered.Popularity, (await Grains.GetGrain<IGeoCellGrain>(cellId).GetStatsAsync()).Demand, 9);

        async Task<(long, long, long)> CountsAsync()
        {
            var s = (await lead.GetAsync())!;
            return (s.Views, s.Clicks, s.Inquiries);
        }
    }

    [Fact]
    public async Task A_lead_state_written_before_positions_were_kept_is_rebuilt_from_the_whole_log_once()
    {
        var (p, _) = await SeedLeadsAsync();
        var lead = Grains.GetGrain<ILeadGrain>($"{p}-l2");
        await ApplyAsync(await LogAsync(Event(p, 2, 1), Event(p, 2, 2, InteractionKind.Inquiry)));
        await LogAsync(Event(p, 2, 3, InteractionKind.Click)); // lost with the silo before its lazy write
        await DeactivateAsync(lead);
        var stored = await ReadStoredAsync<LeadGrainState>("lead", lead);
        // What such a state looks like: counts short of the log, no position.
        stored.State!.Log = new LogProgress();
        await RestoreAsync("lead", lead, stored.State);

        var rebuilt = await lead.GetAsync();

        var log = await FromLogAsync($"{p}-l2");
        Assert.Equal((1L, 1L, 1L), (rebuilt!.Views, rebuilt.Clicks, rebuilt.Inquiries));
        Assert.Equal(log.Popularity, PopularityLater(rebuilt), 9);
        await DeactivateAsync(lead);
        Assert.NotNull((await ReadStoredAsync<LeadGrainState>("lead", lead)).State!.Log.Position);
        Assert.Equal(1L, (await lead.GetAsync())!.Clicks);
    }
}
