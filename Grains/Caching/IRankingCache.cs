namespace LeadRecs.Grains.Caching;

/// <summary>
/// The second cache tier, shared by every silo (Redis in a cluster). The first tier is the user grain's own
/// memory; this one serves a grain that was just (re)activated — after a silo restart or a move — without
/// recomputing. Computing stays in the grain (grain calls must run on its scheduler, not in a cache callback);
/// one activation per user means one computation per key at a time, which is the stampede protection.
/// </summary>
public interface IRankingCache
{
    /// <summary>False when there is no shared tier (embedded mode): lookups are not counted as misses then.</summary>
    bool IsEnabled { get; }

    Task<CachedRanking?> GetAsync(RankingCacheKey key, CancellationToken cancellationToken = default);

    Task SetAsync(RankingCacheKey key, CachedRanking ranking, TimeSpan ttl, CancellationToken cancellationToken = default);
}
