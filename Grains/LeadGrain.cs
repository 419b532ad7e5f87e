using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Grains.Mapping;
using LeadRecs.Grains.State;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Geo;
using Microsoft.Extensions.Options;
using Orleans.Placement;

namespace LeadRecs.Grains;

// Random placement: these grains are many and small, so spreading them must not depend on which gateway a
// caller reached. Orleans' default (resource-optimised) prefers the local silo when loads are close, which piles
// every activation onto the silo a client happens to be connected to.
[RandomPlacement]
public sealed class LeadGrain(
    [PersistentState("lead", LeadRecsGrainOptions.StorageName)] IPersistentState<LeadGrainState> state,
    IOptions<LeadRecsGrainOptions> options,
    FeatureOptions features)
    : LazilyPersistedGrain<LeadGrainState>(state, options), ILeadGrain
{
    public async Task UpsertAsync(LeadInfo lead)
    {
        if (lead.Id != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"Lead '{lead.Id}' was sent to the grain of '{this.GetPrimaryKeyString()}'.", nameof(lead));
        }

        var current = Persisted.State;
        var cellId = GeoCell.FromLatLon(lead.Lat, lead.Lon, GeoRegions.CellZoom).ToString();
        var previousCell = current.CellId;
        current.Lead = lead;
        current.CellId = cellId;
        await WriteNowAsync();

        // The lead's own state is written first: a failure below is repaired by the caller's retry of the upsert.
        if (previousCell is not null && previousCell != cellId)
        {
            await GrainFactory.GetGrain<IGeoCellGrain>(previousCell).RemoveLeadAsync(lead.Id);
        }
        await GrainFactory.GetGrain<IGeoCellGrain>(cellId)
            .UpsertLeadAsync(lead, current.Popularity.Value, current.Popularity.AsOf);
    }

    public Task<LeadSnapshot?> GetAsync() => Task.FromResult(Snapshot());

    public async Task<LeadSnapshot?> RecordInteractionsAsync(IReadOnlyList<InteractionEvent> interactions)
    {
        var current = Persisted.State;
        if (current.Lead is null || current.CellId is null || interactions.Count == 0)
        {
            return Snapshot();
        }

        var weight = 0.0;
        var latest = DateTimeOffset.MinValue;
        foreach (var interaction in interactions)
        {
            if (!current.AppliedEvents.TryAdd(interaction.EventId))
            {
                continue;
            }
            var w = InteractionWeights.Of(interaction.Kind.ToDomain());
            current.Popularity = current.Popularity.Add(w, interaction.At, features.PopularityHalfLife);
            weight += w;
            latest = interaction.At > latest ? interaction.At : latest;
            switch (interaction.Kind)
            {
                case InteractionKind.View: current.Views++; break;
                case InteractionKind.Click: current.Clicks++; break;
                case InteractionKind.Inquiry: current.Inquiries++; break;
            }
        }
        if (latest == DateTimeOffset.MinValue)
        {
            return Snapshot(); // every event was a repeat
        }
        MarkDirty();

        await GrainFactory.GetGrain<IGeoCellGrain>(current.CellId)
            .RecordDemandAsync(current.Lead.Id, weight, latest, current.Popularity.Value, current.Popularity.AsOf);
        return Snapshot();
    }

    public async Task RetractInteractionsAsync(IReadOnlyList<InteractionEvent> interactions)
    {
        var current = Persisted.State;
        if (current.Lead is null || current.CellId is null)
        {
            return;
        }
        // Only what this lead knows it applied, and only once: a retried retraction must not take anything twice.
        var retracted = interactions
            .Where(i => current.AppliedEvents.Contains(i.EventId) && current.RetractedEvents.TryAdd(i.EventId))
            .ToArray();
        if (retracted.Length == 0)
        {
            return;
        }
        var halfLife = features.PopularityHalfLife;
        var latest = retracted.Max(i => i.At);
        var demandAtLatest = 0.0;
        foreach (var interaction in retracted)
        {
            var w = InteractionWeights.Of(interaction.Kind.ToDomain());
            current.Popularity = current.Popularity.Add(-w, interaction.At, halfLife);
            demandAtLatest += w * Decayed.Factor(latest - interaction.At, halfLife);
            switch (interaction.Kind)
            {
                case InteractionKind.View: current.Views = Math.Max(0, current.Views - 1); break;
                case InteractionKind.Click: current.Clicks = Math.Max(0, current.Clicks - 1); break;
                case InteractionKind.Inquiry: current.Inquiries = Math.Max(0, current.Inquiries - 1); break;
            }
        }
        if (current.Popularity.Value < 0)
        {
            current.Popularity = current.Popularity with { Value = 0 };
        }
        MarkDirty();
        await GrainFactory.GetGrain<IGeoCellGrain>(current.CellId)
            .RecordDemandAsync(current.Lead.Id, -demandAtLatest, latest, current.Popularity.Value, current.Popularity.AsOf);
    }

    private LeadSnapshot? Snapshot()
    {
        var s = Persisted.State;
        return s.Lead is null || s.CellId is null
            ? null
            : new LeadSnapshot(s.Lead, s.CellId, s.Popularity.Value, s.Popularity.AsOf, s.Views, s.Clicks, s.Inquiries);
    }
}
