using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Grains.State;
using LeadRecs.Ranking.Geo;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using static LeadRecs.UnitTests.Grains.TestLeads;

namespace LeadRecs.UnitTests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class LeadAndCellGrainTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task An_upserted_lead_is_a_candidate_of_its_cell_until_it_closes()
    {
        var (lat, lon) = PrivateSpot();
        var id = $"{Prefix()}-lead";
        var cell = GeoCell.FromLatLon(lat, lon, GeoRegions.CellZoom).ToString();

        await Grains.GetGrain<ILeadGrain>(id).UpsertAsync(Lead(id, lat, lon));
        var snapshot = await Grains.GetGrain<ILeadGrain>(id).GetAsync();
        Assert.NotNull(snapshot);
        Assert.Equal(cell, snapshot.CellId);
        Assert.Contains(await Grains.GetGrain<IGeoCellGrain>(cell).GetCandidatesAsync(100), c => c.Lead.Id == id);
        Assert.Equal(1, (await Grains.GetGrain<IGeoCellGrain>(cell).GetStatsAsync()).Supply);

        await Grains.GetGrain<ILeadGrain>(id).UpsertAsync(Lead(id, lat, lon, status: LeadStatus.Closed));
        Assert.DoesNotContain(await Grains.GetGrain<IGeoCellGrain>(cell).GetCandidatesAsync(100), c => c.Lead.Id == id);
        Assert.Equal(0, (await Grains.GetGrain<IGeoCellGrain>(cell).GetStatsAsync()).Supply);
    }

    [Fact]
    public async Task A_lead_that_moves_leaves_its_old_cell()
    {
        var (lat, lon) = PrivateSpot();
        var id = $"{Prefix()}-mover";
        var oldCell = GeoCell.FromLatLon(lat, lon, GeoRegions.CellZoom).ToString();
        var newCell = GeoCell.FromLatLon(lat + 0.2, lon, GeoRegions.CellZoom).ToString();
        await Grains.GetGrain<ILeadGrain>(id).UpsertAsync(Lead(id, lat, lon));
        await Grains.GetGrain<ILeadGrain>(id).UpsertAsync(Lead(id, lat + 0.2, lon));
        Assert.DoesNotContain(await Grains.GetGrain<IGeoCellGrain>(oldCell).GetCandidatesAsync(100), c => c.Lead.Id == id);
        Assert.Contains(await Grains.GetGrain<IGeoCellGrain>(newCell).GetCandidatesAsync(100), c => c.Lead.Id == id);
    }

    [Fact]
    public async Task Unknown_leads_are_reported_and_not_counted()
    {
        var id = $"{Prefix()}-ghost";
        Assert.Null(await Grains.GetGrain<ILeadGrain>(id).GetAsync());
        Assert.Null(await Grains.GetGrain<ILeadGrain>(id).RecordInteractionsAsync(
            [new InteractionEvent("u", id, InteractionKind.View, GrainClusterFixture.Start)]));
        var unknown = await Grains.GetGrain<IInteractionIngestGrain>(0).FindUnknownLeadsAsync([id, id]);
        Assert.Equal([id], unknown);
    }

    [Fact]
    public async Task Interactions_raise_popularity_and_cell_demand()
    {
        var (lat, lon) = PrivateSpot();
        var p = Prefix();
        var cell = GeoCell.FromLatLon(lat, lon, GeoRegions.CellZoom).ToString();
        await Grains.GetGrain<ILeadGrain>($"{p}-a").UpsertAsync(Lead($"{p}-a", lat, lon));
        await Grains.GetGrain<ILeadGrain>($"{p}-b").UpsertAsync(Lead($"{p}-b", lat, lon));

        var at = fixture.Time.GetUtcNow();
        await Grains.GetGrain<IInteractionIngestGrain>(0).ApplyAsync(
        [
            new InteractionEvent($"{p}-u", $"{p}-b", InteractionKind.View, at),
            new InteractionEvent($"{p}-u", $"{p}-b", InteractionKind.Click, at),
            new InteractionEvent($"{p}-u", $"{p}-b", InteractionKind.Inquiry, at),
        ]);

        var b = await Grains.GetGrain<ILeadGrain>($"{p}-b").GetAsync();
        Assert.Equal(12, b!.Popularity, 6);
        Assert.Equal((1, 1, 1), (b.Views, b.Clicks, b.Inquiries));
        var candidates = await Grains.GetGrain<IGeoCellGrain>(cell).GetCandidatesAsync(10);
        Assert.Equal($"{p}-b", candidates[0].Lead.Id);
        var stats = await Grains.GetGrain<IGeoCellGrain>(cell).GetStatsAsync();
        Assert.Equal(12, stats.Demand, 6);
        Assert.Equal(2, stats.Supply);
        Assert.Equal(12 / 3.0, stats.Score, 6);
    }

    [Fact]
    public async Task Applying_a_batch_again_counts_nothing_twice()
    {
        var (lat, lon) = PrivateSpot();
        var p = Prefix();
        await Grains.GetGrain<ILeadGrain>(p).UpsertAsync(Lead(p, lat, lon));
        var at = fixture.Time.GetUtcNow();
        InteractionEvent[] batch =
        [
            new($"{p}-u", p, InteractionKind.View, at, EventId: $"{p}-1"),
            new($"{p}-u", p, InteractionKind.Click, at, EventId: $"{p}-2"),
        ];
        var ingest = Grains.GetGrain<IInteractionIngestGrain>(0);
        await ingest.ApplyAsync(batch);
        await ingest.ApplyAsync(batch);
        await ingest.ApplyAsync([batch[1], new($"{p}-u", p, InteractionKind.View, at, EventId: $"{p}-3")]);

        var lead = await Grains.GetGrain<ILeadGrain>(p).GetAsync();
        Assert.Equal((2, 1), (lead!.Views, lead.Clicks));
        Assert.Equal(1 + 3 + 1, lead.Popularity, 6);
        Assert.Equal(3, (await Grains.GetGrain<IUserGrain>($"{p}-u").GetSummaryAsync()).InteractionCount);
    }

    [Fact]
    public async Task A_cell_keeps_at_most_its_bound_of_leads()
    {
        var (lat, lon) = PrivateSpot();
        var p = Prefix();
        var cell = GeoCell.FromLatLon(lat, lon, GeoRegions.CellZoom).ToString();
        await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            Grains.GetGrain<ILeadGrain>($"{p}-{i}").UpsertAsync(Lead($"{p}-{i}", lat, lon))));
        Assert.Equal(50, (await Grains.GetGrain<IGeoCellGrain>(cell).GetStatsAsync()).Supply);
    }

    [Fact]
    public async Task Market_data_sets_the_cell_trend_seen_by_candidates()
    {
        var (lat, lon) = PrivateSpot();
        var p = Prefix();
        var cell = GeoCell.FromLatLon(lat, lon, GeoRegions.CellZoom).ToString();
        await Grains.GetGrain<ILeadGrain>(p).UpsertAsync(Lead(p, lat, lon));
        var day = new DateOnly(2026, 1, 1);
        await Grains.GetGrain<IGeoCellGrain>(cell).AddMarketDataAsync(
            Enumerable.Range(0, 5).Select(m => new MarketObservation(cell, day.AddDays(30 * m), 400_000 * Math.Pow(1.02, m), null, 10, 30)).ToArray());
        var candidate = (await Grains.GetGrain<IGeoCellGrain>(cell).GetCandidatesAsync(1)).Single();
        Assert.Equal(Math.Log(1.02), candidate.MarketTrend, 6);
    }

    [Fact]
    public async Task Regions_index_cells_for_the_heatmap()
    {
        var (lat, lon) = PrivateSpot();
        var p = Prefix();
        await Grains.GetGrain<ILeadGrain>(p).UpsertAsync(Lead(p, lat, lon));
        var cell = GeoCell.FromLatLon(lat, lon, GeoRegions.CellZoom);
        var region = Grains.GetGrain<IGeoRegionGrain>(cell.Parent(GeoRegions.Zoom).ToString());
        var cells = await region.GetCellsAsync(lat - 0.01, lon - 0.01, lat + 0.01, lon + 0.01);
        var stats = Assert.Single(cells, c => c.CellId == cell.ToString());
        Assert.Equal(1, stats.Supply);
        Assert.Empty(await region.GetCellsAsync(lat + 1, lon + 1, lat + 1.01, lon + 1.01));
    }

    [Fact]
    public async Task A_lead_grain_whose_flush_is_refused_as_stale_starts_again_from_the_stored_state()
    {
        var (lat, lon) = PrivateSpot();
        var id = $"{Prefix()}-twice";
        var grain = Grains.GetGrain<ILeadGrain>(id);
        await grain.UpsertAsync(Lead(id, lat, lon));
        // What a second activation of the lead (a brief duplicate while membership changes) does: it writes the state.
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(LeadRecsGrainOptions.StorageName);
        var stored = new GrainState<LeadGrainState>(new LeadGrainState());
        await storage.ReadStateAsync("lead", grain.GetGrainId(), stored);
        stored.State!.Views = 7;
        await storage.WriteStateAsync("lead", grain.GetGrainId(), stored);

        // Written behind by the flush timer, whose write is refused: Orleans deactivates an activation whose call or timer
        // tick lets InconsistentStateException escape, so the flush must not catch it (it fails when it does).
        await grain.RecordInteractionsAsync([new InteractionEvent("u", id, InteractionKind.View, GrainClusterFixture.Start, $"{id}-e1")]);

        // The stale activation goes: the next call reads what the other one wrote, and its own changes are written again.
        await Eventually(async () => (await grain.GetAsync())?.Views == 7, "the lead grain to start again from storage");
        await grain.RecordInteractionsAsync([new InteractionEvent("u", id, InteractionKind.View, GrainClusterFixture.Start, $"{id}-e2")]);
        await fixture.Cluster.DeactivateAsync(grain);
        await fixture.Cluster.WaitForDeactivationAsync(grain);
        Assert.Equal(8, (await grain.GetAsync())!.Views);
    }
}
