using System.Diagnostics;
using LeadRecs.Grains.Caching;
using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Grains.Mapping;
using LeadRecs.Grains.Models;
using LeadRecs.Grains.Resilience;
using LeadRecs.Grains.State;
using LeadRecs.Grains.Telemetry;
using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Scoring;
using LeadRecs.Storage;
using Microsoft.Extensions.Options;
using Orleans.Placement;

namespace LeadRecs.Grains;

// Random placement: these grains are many and small, so spreading them must not depend on which gateway a
// caller reached. Orleans' default (resource-optimised) prefers the local silo when loads are close, which piles
// every activation onto the silo a client happens to be connected to.
//
// The state is written behind (every UserFlushInterval and on deactivation), not on every batch: the interaction log is
// the durable record of what a 202 acknowledged, and the state says up to which log position it holds the user's
// rows (LogProgress). A grain that starts, also after its silo was killed before a write, replays the rows after that
// position before it serves any call. See Storage/README.md.
[RandomPlacement]
public sealed class UserGrain(
    [PersistentState("user", LeadRecsGrainOptions.StorageName)] IPersistentState<UserGrainState> state,
    IOptions<LeadRecsGrainOptions> options,
    FeatureOptions features,
    IModelSelector models,
    IRankingCache sharedCache,
    LeadRecsMetrics metrics,
    ExperimentTally experiments,
    DomainClock time,
    IInteractionLog log,
    RefreshAheadBudget refreshBudget,
    DependencyHealth dependencies)
    : LazilyPersistedGrain<UserGrainState>(state, options), IUserGrain
{
    /// <summary>The first cache tier: the last ranking, valid only for the key it was made under.</summary>
    private (RankingCacheKey Key, CachedRanking Ranking)? _memory;

    private readonly RecentLists _shown = new();

    /// <summary>The last two recommendation reads and the k of the last: who reads often gets refreshed ahead.</summary>
    private (DateTimeOffset? Previous, DateTimeOffset? Last, int K, bool SinceRefresh) _reads;

    private IGrainTimer? _refreshAhead;

    private string UserId => this.GetPrimaryKeyString();

    protected override TimeSpan FlushInterval => Options.UserFlushInterval;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CatchUpWithLogAsync(cancellationToken);
        }
        // A failed activation reaches the caller as the exception itself, past the grain call filter.
        catch (Exception ex) when (PostgresOutage.Report(ex, dependencies, "user grain replay") is { } outage && !ReferenceEquals(outage, ex))
        {
            throw outage;
        }
        await base.OnActivateAsync(cancellationToken);
    }

    public async Task RecordInteractionsAsync(IReadOnlyList<UserInteraction> interactions)
    {
        if (interactions.Count == 0)
        {
            return;
        }
        var userFeatures = Persisted.State.Features;
        var progress = Persisted.State.Log;
        var applied = 0;
        foreach (var interaction in interactions.OrderBy(i => i.At))
        {
            // A logged event this grain replayed (or applied before) is known by its position, however long ago.
            if (interaction.LogPosition is { } position && progress.Covers(position))
            {
                continue;
            }
            var fresh = Persisted.State.AppliedEvents.TryAdd(interaction.EventId);
            if (interaction.LogPosition is { } logged)
            {
                progress.Add(logged);
            }
            if (!fresh)
            {
                continue;
            }
            applied++;
            userFeatures.Apply(interaction.Lead.ToFacts(interaction.CellId), interaction.Kind.ToDomain(), interaction.At, features);
            CountFeedback(interaction);
        }
        if (applied == 0)
        {
            return;
        }
        ScheduleRefreshAhead();
        // Not written here: the events are durable in the log, and a restarted grain replays what its state lacks.
        MarkDirty();
        if (progress.AppliedAfter.Count > LogProgress.MaxAppliedAfter)
        {
            await CatchUpWithLogAsync(CancellationToken.None);
        }
    }

    public async Task<Recommendations> GetRecommendationsAsync(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow();
        _reads = (_reads.Last, now, k, SinceRefresh: true);
        var selection = models.ForUser(UserId);
        var key = KeyFor(selection);

        string path;
        CachedRanking ranking;
        if (_memory is { } memory && memory.Key == key && IsFresh(memory.Ranking, now) && Covers(memory.Ranking, k))
        {
            metrics.RecordCacheLookup(LeadRecsMetrics.Paths.Memory, hit: true);
            (path, ranking) = (LeadRecsMetrics.Paths.Memory, memory.Ranking);
        }
        else
        {
            metrics.RecordCacheLookup(LeadRecsMetrics.Paths.Memory, hit: false);
            var shared = sharedCache.IsEnabled ? await sharedCache.GetAsync(key) : null;
            // An entry made for a smaller k, or by a silo whose clock ran ahead, is not served.
            var sharedHit = shared is not null && IsFresh(shared, now) && Covers(shared, k);
            if (sharedCache.IsEnabled)
            {
                metrics.RecordCacheLookup(LeadRecsMetrics.Paths.Redis, sharedHit);
            }
            if (sharedHit)
            {
                (path, ranking) = (LeadRecsMetrics.Paths.Redis, shared!);
            }
            else
            {
                (path, ranking) = (LeadRecsMetrics.Paths.Computed, await ComputeAsync(selection, now, k));
                await sharedCache.SetAsync(key, ranking, Options.RecommendationTtl);
            }
            _memory = (key, ranking);
        }

        var model = new ModelInfo(selection.Scorer.Model.Name, selection.Scorer.Model.Version, selection.Variant);
        var items = ranking.Items.Take(k).Select(i => new RecommendedLead(i.LeadId, i.Rank, i.Score)).ToArray();
        _shown.Remember(ranking.RecommendationId, model, items.Select(i => i.LeadId), selection.Experiment);
        metrics.RecordImpressions(model.Name, model.Version, model.Variant, items.Length);
        experiments.RecordImpressions(selection.Experiment, model.Variant, model.Version, items.Length);
        metrics.RecordRecommendation(path, Stopwatch.GetElapsedTime(started));
        return new Recommendations(UserId, ranking.RecommendationId, model, path != LeadRecsMetrics.Paths.Computed, ranking.GeneratedAt, items);
    }

    /// <summary>
    /// After new behaviour of a user who read recommendations twice within <see cref="LeadRecsGrainOptions.RefreshAheadWindow"/>
    /// and has read since the last refresh: computes the ranking in a turn of its own, queued now, so that the request
    /// that usually follows finds it in memory (and one already waiting is served by it). The event call does not wait
    /// for it.
    /// </summary>
    private void ScheduleRefreshAhead()
    {
        var window = Options.RefreshAheadWindow;
        if (window <= TimeSpan.Zero || _refreshAhead is not null || !_reads.SinceRefresh
            || _reads.Previous is not { } previous || time.GetUtcNow() - previous > window)
        {
            return;
        }
        _reads.SinceRefresh = false;
        _refreshAhead = this.RegisterGrainTimer(RefreshAheadAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = Timeout.InfiniteTimeSpan,
            Interleave = false,
            KeepAlive = false,
        });
    }

    // The timer's token is not passed on: disposing the timer (below, so that the next event may schedule another)
    // cancels it, and the Redis write would then fail every time.
    private async Task RefreshAheadAsync(CancellationToken _)
    {
        _refreshAhead?.Dispose();
        _refreshAhead = null;
        var now = time.GetUtcNow();
        var selection = models.ForUser(UserId);
        var key = KeyFor(selection);
        if (_memory is { } memory && memory.Key == key && IsFresh(memory.Ranking, now))
        {
            return; // a request computed it first
        }
        if (!refreshBudget.TryTake())
        {
            metrics.RecordRefreshAheadSkipped();
            return; // the silo's budget is spent: the next request computes it
        }
        var ranking = await ComputeAsync(selection, now, _reads.K);
        _memory = (key, ranking);
        metrics.RecordRefreshAhead();
        await sharedCache.SetAsync(key, ranking, Options.RecommendationTtl);
    }

    private RankingCacheKey KeyFor(ModelSelection selection) =>
        new(UserId, Persisted.State.Features.Version, selection.Scorer.Model.Name, selection.Scorer.Model.Version, selection.Variant);

    public Task<UserSummary> GetSummaryAsync()
    {
        var f = Persisted.State.Features;
        var profile = f.ToProfile(UserId, time.GetUtcNow(), features);
        return Task.FromResult(new UserSummary(
            UserId,
            f.InteractionCount,
            f.LastActivity,
            f.Version,
            profile.Centre?.Lat,
            profile.Centre?.Lon,
            f.Recent.Select(r => r.LeadId).ToArray(),
            profile.TopCells.Select(c => c.CellId).ToArray()));
    }

    private bool IsFresh(CachedRanking ranking, DateTimeOffset now) =>
        now - ranking.GeneratedAt < Options.RecommendationTtl && ranking.GeneratedAt <= now + TimeSpan.FromMinutes(1);

    private static bool Covers(CachedRanking ranking, int k) => ranking.Items.Count >= k || ranking.Exhaustive;

    private async Task<CachedRanking> ComputeAsync(ModelSelection selection, DateTimeOffset now, int k)
    {
        var profile = Persisted.State.Features.ToProfile(UserId, now, features);
        var candidates = await GatherCandidatesAsync(profile, now);
        var depth = Math.Max(k, Options.CachedRankingDepth);

        var scoring = Stopwatch.GetTimestamp();
        var ranked = RecommendationRanker.Rank(profile, candidates, depth, selection.Scorer);
        metrics.RecordScoring(selection.Scorer.Model.Name, Stopwatch.GetElapsedTime(scoring), candidates.Count);

        return new CachedRanking(Guid.NewGuid().ToString("N"), now, ranked, Exhaustive: ranked.Count < depth);
    }

    private async Task<List<LeadCandidate>> GatherCandidatesAsync(UserProfile profile, DateTimeOffset now)
    {
        var cells = CandidatePlanner.CellsFor(profile, GeoRegions.CellZoom);
        var cellTask = cells.Count == 0
            ? Task.FromResult<IReadOnlyList<CandidateLead>>([])
            : GrainFactory.GetGrain<ICandidateReaderGrain>(0).GetCandidatesAsync(cells, Options.CandidatesPerCell);
        var trendingTask = GrainFactory.GetGrain<ITrendingReaderGrain>(0).GetTopAsync(Options.TrendingCandidates);

        var candidates = new List<LeadCandidate>();
        candidates.AddRange((await cellTask).Select(c => c.ToCandidate(now, features.PopularityHalfLife)));
        candidates.AddRange((await trendingTask).Select(c => c.ToCandidate(now, features.PopularityHalfLife)));
        return candidates;
    }

    /// <summary>
    /// Applies the user's log rows after the persisted position that the state does not hold yet (what a crash lost, or
    /// what an API committed but never delivered), then moves the position up to the last row read. Rows committed
    /// later all have higher positions (see IInteractionLog), so nothing at or below the new position can be missing.
    /// </summary>
    private async Task CatchUpWithLogAsync(CancellationToken cancellationToken)
    {
        var progress = Persisted.State.Log;
        if (progress.Position is null && Persisted.RecordExists)
        {
            // Written before positions were kept, on every batch: it holds what was delivered up to now.
            progress.AdvanceTo(await log.LastPositionAsync(UserId, cancellationToken));
            MarkDirty();
            return;
        }

        var last = progress.Position ?? 0;
        var missed = new List<LoggedInteraction>();
        await foreach (var row in log.ReadUserAsync(UserId, last, cancellationToken))
        {
            last = row.Position;
            if (!progress.Covers(row.Position))
            {
                missed.Add(row);
            }
        }
        if (missed.Count > 0)
        {
            var leadIds = missed.Select(r => r.Interaction.LeadId).Distinct(StringComparer.Ordinal).ToArray();
            var snapshots = await Task.WhenAll(leadIds.Select(id => GrainFactory.GetGrain<ILeadGrain>(id).GetAsync()));
            var leads = new Dictionary<string, LeadSnapshot>(StringComparer.Ordinal);
            for (var i = 0; i < leadIds.Length; i++)
            {
                if (snapshots[i] is { } snapshot)
                {
                    leads[leadIds[i]] = snapshot;
                }
            }
            foreach (var (_, interaction) in missed.OrderBy(r => r.Interaction.At))
            {
                // An event applied before without its position (a caller that skipped the log) is not applied twice.
                if (leads.TryGetValue(interaction.LeadId, out var lead) && Persisted.State.AppliedEvents.TryAdd(interaction.EventId))
                {
                    Persisted.State.Features.Apply(lead.Lead.ToFacts(lead.CellId), interaction.Kind, interaction.At, features);
                }
            }
        }
        progress.AdvanceTo(last);
        // A position moved up without new rows need not be written: the next start would read the same rows again.
        if (missed.Count > 0)
        {
            MarkDirty();
        }
    }

    private void CountFeedback(UserInteraction interaction)
    {
        if (interaction.RecommendationId is not { } recommendationId)
        {
            return;
        }
        var positive = interaction.Kind is InteractionKind.Click or InteractionKind.Inquiry;
        var (model, experiment, hit) = _shown.Attribute(recommendationId, interaction.Lead.Id, credit: positive);
        var kind = interaction.Kind.ToString().ToLowerInvariant();
        metrics.RecordFeedback(model?.Name ?? "unattributed", model?.Version ?? "", model?.Variant ?? "", kind, hit);
        if (model is not null && positive)
        {
            experiments.RecordFeedback(
                experiment, model.Variant, model.Version, interaction.Kind == InteractionKind.Click, interaction.Kind == InteractionKind.Inquiry, hit);
        }
    }
}
