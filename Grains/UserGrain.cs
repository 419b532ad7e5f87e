using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Grains.Mapping;
using LeadRecs.Grains.Models;
using LeadRecs.Grains.State;
using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Scoring;
using Microsoft.Extensions.Options;

namespace LeadRecs.Grains;

public sealed class UserGrain(
    [PersistentState("user", LeadRecsGrainOptions.StorageName)] IPersistentState<UserGrainState> state,
    IOptions<LeadRecsGrainOptions> options,
    FeatureOptions features,
    IModelSelector models,
    DomainClock time)
    : Grain, IUserGrain
{
    private CachedRanking? _cache;

    private string UserId => this.GetPrimaryKeyString();

    public async Task RecordInteractionsAsync(IReadOnlyList<UserInteraction> interactions)
    {
        if (interactions.Count == 0)
        {
            return;
        }
        var userFeatures = state.State.Features;
        var applied = 0;
        foreach (var interaction in interactions.OrderBy(i => i.At))
        {
            if (!state.State.AppliedEvents.TryAdd(interaction.EventId))
            {
                continue;
            }
            applied++;
            userFeatures.Apply(interaction.Lead.ToFacts(interaction.CellId), interaction.Kind.ToDomain(), interaction.At, features);
        }
        if (applied == 0)
        {
            return;
        }
        // Features are what recommendations are made from: persist them before acknowledging.
        await state.WriteStateAsync();
    }

    public async Task<Recommendations> GetRecommendationsAsync(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var now = time.GetUtcNow();
        var selection = models.ForUser(UserId);
        var version = state.State.Features.Version;

        if (_cache is { } cached && cached.IsFreshFor(version, selection, now, options.Value.RecommendationTtl)
            && (cached.Items.Count >= k || cached.Exhaustive))
        {
            return cached.ToRecommendations(UserId, k, fromCache: true);
        }

        var profile = state.State.Features.ToProfile(UserId, now, features);
        var candidates = await GatherCandidatesAsync(profile, now);
        var depth = Math.Max(k, options.Value.CachedRankingDepth);
        var ranked = RecommendationRanker.Rank(profile, candidates, depth, selection.Scorer);

        _cache = new CachedRanking(
            Guid.NewGuid().ToString("N"), version, selection, now, ranked, Exhaustive: ranked.Count < depth);
        return _cache.ToRecommendations(UserId, k, fromCache: false);
    }

    public Task<UserSummary> GetSummaryAsync()
    {
        var f = state.State.Features;
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

    private async Task<List<LeadCandidate>> GatherCandidatesAsync(UserProfile profile, DateTimeOffset now)
    {
        var cells = CandidatePlanner.CellsFor(profile, GeoRegions.CellZoom);
        var cellTask = cells.Count == 0
            ? Task.FromResult<IReadOnlyList<CandidateLead>>([])
            : GrainFactory.GetGrain<ICandidateReaderGrain>(0).GetCandidatesAsync(cells, options.Value.CandidatesPerCell);
        var trendingTask = GrainFactory.GetGrain<ITrendingReaderGrain>(0).GetTopAsync(options.Value.TrendingCandidates);

        var candidates = new List<LeadCandidate>();
        candidates.AddRange((await cellTask).Select(c => c.ToCandidate(now, features.PopularityHalfLife)));
        candidates.AddRange((await trendingTask).Select(c => c.ToCandidate(now, features.PopularityHalfLife)));
        return candidates;
    }

    /// <summary>A ranking kept in memory; valid only for the feature version and model it was made with.</summary>
    private sealed record CachedRanking(
        string RecommendationId,
        long FeatureVersion,
        ModelSelection Selection,
        DateTimeOffset GeneratedAt,
        IReadOnlyList<RankedLead> Items,
        bool Exhaustive)
    {
        public bool IsFreshFor(long featureVersion, ModelSelection selection, DateTimeOffset now, TimeSpan ttl) =>
            FeatureVersion == featureVersion
            && Selection.Variant == selection.Variant
            && Selection.Scorer.Model == selection.Scorer.Model
            && now - GeneratedAt < ttl;

        public Recommendations ToRecommendations(string userId, int k, bool fromCache) => new(
            userId,
            RecommendationId,
            new ModelInfo(Selection.Scorer.Model.Name, Selection.Scorer.Model.Version, Selection.Variant),
            fromCache,
            GeneratedAt,
            Items.Take(k).Select(i => new RecommendedLead(i.LeadId, i.Rank, i.Score)).ToArray());
    }
}
