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

    /// <summary>
    /// Starts the write and returns: the ranking is already in the grain's memory and in the caller's answer, so a slow
    /// or absent Redis must not hold the request. The distributed cache below turns a failure into nothing
    /// (<see cref="CircuitBreakingDistributedCache"/>); anything else is dropped here, a cache write being optional.
    /// </summary>
    public Task SetAsync(RankingCacheKey key, CachedRanking ranking, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        _ = WriteAsync(key.ToString(), ranking, ttl, cancellationToken);
        return Task.CompletedTask;
    }

    private async Task WriteAsync(string key, CachedRanking ranking, TimeSpan ttl, CancellationToken cancellationToken)
    {
        try
        {
            await cache.SetAsync(
                key, ranking,
                new HybridCacheEntryOptions { Expiration = ttl, Flags = HybridCacheEntryFlags.DisableLocalCache },
                cancellationToken: cancellationToken);
        }
        catch (Exception)
        {
            // Optional by design; the breaker below counts Redis failures.
        }
    }
}
