using Microsoft.Extensions.Caching.Hybrid;

namespace LeadRecs.Grains.Caching;

/// <summary>
/// The shared tier through <see cref="HybridCache"/> over the configured distributed cache (Redis). Its own
/// in-process layer is switched off: the user grain's memory already is the first tier, and a per-silo copy
/// would only be one more place to go stale. Concurrent lookups of one key share a single Redis read.
/// </summary>
public sealed class HybridRankingCache(HybridCache cache) : IRankingCache
{
    private static readonly HybridCacheEntryOptions ReadOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCache | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    public bool IsEnabled => true;

    public async Task<CachedRanking?> GetAsync(RankingCacheKey key, CancellationToken cancellationToken = default) =>
        // A miss yields null and, with writes disabled, stores nothing.
        await cache.GetOrCreateAsync<CachedRanking?>(
            key.ToString(), _ => ValueTask.FromResult<CachedRanking?>(null), ReadOnly, cancellationToken: cancellationToken);

    public async Task SetAsync(RankingCacheKey key, CachedRanking ranking, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        await cache.SetAsync(
            key.ToString(), ranking,
            new HybridCacheEntryOptions { Expiration = ttl, Flags = HybridCacheEntryFlags.DisableLocalCache },
            cancellationToken: cancellationToken);
}
