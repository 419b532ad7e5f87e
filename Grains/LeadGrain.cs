using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Grains.Mapping;
using LeadRecs.Grains.State;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Geo;
using LeadRecs.Storage;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using DomainKind = LeadRecs.Ranking.Domain.InteractionKind;

namespace LeadRecs.Grains;

// Random placement: these grains are many and small, so spreading them must not depend on which gateway a
// caller reached. Orleans' default (resource-optimised) prefers the local silo when loads are close, which piles
// every activation onto the silo a client happens to be connected to.
//
// Popularity and funnel counts are written behind (LazilyPersistedGrain) with the log position up to which they hold
// the lead's rows (LogProgress), as UserGrain does: a grain that starts, also after its silo was killed before a write,
// replays the lead's rows after that position before it serves any call, then tells its cell. See Storage/README.md.
[RandomPlacement]
public sealed class LeadGrain(
    [PersistentState("lead", LeadRecsGrainOptions.StorageName)] IPersistentState<LeadGrainState> state,
    IOptions<LeadRecsGrainOptions> options,
    FeatureOptions features,
    IInteractionLog log)
    : LazilyPersistedGrain<LeadGrainState>(state, options), ILeadGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await CatchUpWithLogAsync(cancellationToken))
        {
            // Not from here: a cell that is starting asks its leads for their popularity, and a call from this
            // activation to that cell would wait for it while it waits for this activation. A turn of its own, once.
            this.RegisterGrainTimer(_ => ReportToCellAsync(), new GrainTimerCreationOptions
            {
                DueTime = TimeSpan.Zero,
                Period = Timeout.InfiniteTimeSpan,
                Interleave = false,
                KeepAlive = false,
            });
        }
        await base.OnActivateAsync(cancellationToken);
    }

    public async Task UpsertAsync(LeadInfo lead)
    {
        if (lead.Id != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"Lead '{lead.Id}' was sent to the grain of '{this.GetPrimaryKeyString()}'.", nameof(lead));
        }

        var current = Persisted.State;
        var cellId = GeoCell.FromLatLon(lead.Lat, lead.Lon, GeoRegions.CellZoom).ToString();
        var previousCell = current.CellId;
        // A lead has no rows in the log before it exists (events need a known lead): a new lead holds all of them.
        current.Log.Position ??= 0;
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

        var applied = 0;
        foreach (var interaction in interactions)
        {
            // A logged event this grain replayed (or applied before) is known by its position, however long ago.
            if (interaction.LogPosition is { } position && current.Log.Covers(position))
            {
                continue;
            }
            var fresh = current.AppliedEvents.TryAdd(interaction.EventId);
            if (interaction.LogPosition is { } logged)
            {
                current.Log.Add(logged);
            }
            if (fresh)
            {
                Apply(interaction.Kind.ToDomain(), interaction.At);
                applied++;
            }
        }
        if (applied == 0)
        {
            return Snapshot(); // every event was a repeat
        }
        // Not written here: the events are durable in the log, and a restarted grain replays what its state lacks.
        MarkDirty();
        if (current.Log.AppliedAfter.Count > LogProgress.MaxAppliedAfter)
        {
            await CatchUpWithLogAsync(CancellationToken.None);
        }
        await ReportToCellAsync();
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
        foreach (var interaction in retracted)
        {
            var w = InteractionWeights.Of(interaction.Kind.ToDomain());
            current.Popularity = current.Popularity.Add(-w, interaction.At, halfLife);
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
        // Written now, unlike an application: the retracted rows are at or below the persisted position, so a replay
        // would not see them again, and a crash before a lazy write would bring them back. Retractions are rare.
        await WriteNowAsync();
        await ReportToCellAsync();
    }

    private void Apply(DomainKind kind, DateTimeOffset at)
    {
        var current = Persisted.State;
        current.Popularity = current.Popularity.Add(InteractionWeights.Of(kind), at, features.PopularityHalfLife);
        switch (kind)
        {
            case DomainKind.View: current.Views++; break;
            case DomainKind.Click: current.Clicks++; break;
            case DomainKind.Inquiry: current.Inquiries++; break;
        }
    }

    /// <summary>The cell's demand is the sum of its leads' popularity as they last reported it: absolute, so repeating it is harmless.</summary>
    private Task ReportToCellAsync()
    {
        var current = Persisted.State;
        return current.Lead is null || current.CellId is null
            ? Task.CompletedTask
            : GrainFactory.GetGrain<IGeoCellGrain>(current.CellId)
                .ReportPopularityAsync(current.Lead.Id, current.Popularity.Value, current.Popularity.AsOf);
    }

    /// <summary>
    /// Applies the lead's log rows after the persisted position that the state does not hold yet (what a crash lost, or
    /// what an API committed but never delivered), then moves the position up to the last row read. Rows committed
    /// later all have higher positions (see IInteractionLog), so nothing at or below the new position can be missing;
    /// a delivery still in flight carries positions the state now covers and is skipped.
    /// </summary>
    /// <returns>Whether anything changed.</returns>
    private async Task<bool> CatchUpWithLogAsync(CancellationToken cancellationToken)
    {
        var current = Persisted.State;
        if (current.Lead is null)
        {
            return false; // never upserted: no events can have been logged for it
        }
        var progress = current.Log;
        var changed = false;
        if (progress.Position is null)
        {
            // Written before positions were kept, lazily: it may lack what a crash lost. Rebuilt from the whole log
            // once; the ids go too, or the replay would skip the events they name.
            current.Popularity = Decayed.Zero;
            (current.Views, current.Clicks, current.Inquiries) = (0, 0, 0);
            (current.AppliedEvents, current.RetractedEvents) = (new(), new());
            progress.AdvanceTo(0);
            changed = true;
        }

        var last = progress.Position!.Value;
        await foreach (var (position, interaction) in log.ReadLeadAsync(current.Lead.Id, last, cancellationToken))
        {
            last = position;
            // An event applied before without its position (a caller that skipped the log) is not applied twice.
            if (!progress.Covers(position) && current.AppliedEvents.TryAdd(interaction.EventId))
            {
                Apply(interaction.Kind, interaction.At);
                changed = true;
            }
        }
        progress.AdvanceTo(last);
        // A position moved up without new rows need not be written: the next start would read the same rows again.
        if (changed)
        {
            MarkDirty();
        }
        return changed;
    }

    private LeadSnapshot? Snapshot()
    {
        var s = Persisted.State;
        return s.Lead is null || s.CellId is null
            ? null
            : new LeadSnapshot(s.Lead, s.CellId, s.Popularity.Value, s.Popularity.AsOf, s.Views, s.Clicks, s.Inquiries);
    }
}
