namespace LeadRecs.Grains.Caching;

/// <summary>No shared tier: every miss of the grain's memory is computed. Embedded mode runs without Redis.</summary>
public sealed class NoRankingCache : IRankingCache
{
    public bool IsEnabled => false;

    public Task<CachedRanking?> GetAsync(RankingCacheKey key, CancellationToken cancellationToken = default) =>
        Task.FromResult<CachedRanking?>(null);

    public Task SetAsync(RankingCacheKey key, CachedRanking ranking, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;
}
