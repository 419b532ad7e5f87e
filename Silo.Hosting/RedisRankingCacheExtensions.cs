using LeadRecs.Grains.Caching;
using LeadRecs.Grains.Resilience;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace LeadRecs.Silo.Hosting;

public static class RedisRankingCacheExtensions
{
    /// <summary>
    /// Rankings in Redis through HybridCache, set up so that a Redis outage costs a miss, not a wait: a call fails within
    /// <see cref="CallTimeout"/> at most (at once while Redis refuses connections: commands are not queued while
    /// disconnected), and after a few failures in a row <see cref="CircuitBreakingDistributedCache"/> stops calling Redis
    /// and probes it now and then. StackExchange.Redis' defaults wait 5 s per call, and a first connection that fails
    /// would throw at start.
    /// </summary>
    public static IServiceCollection AddLeadRecsRedisRankingCache(this IServiceCollection services, string redis, string instanceName)
    {
        services.AddStackExchangeRedisCache(o =>
        {
            o.ConfigurationOptions = CacheConnection(redis);
            o.InstanceName = instanceName;
        });
        var redisCache = services.Last(d => d.ServiceType == typeof(IDistributedCache) && !d.IsKeyedService);
        services.Remove(redisCache);
        services.AddSingleton<IDistributedCache>(sp => new CircuitBreakingDistributedCache(
            (IDistributedCache)Create(sp, redisCache),
            new CircuitBreaker(sp.GetRequiredService<TimeProvider>()),
            sp.GetRequiredService<DependencyHealth>(),
            sp.GetRequiredService<ILogger<CircuitBreakingDistributedCache>>()));
        services.AddHybridCache();
        services.AddSingleton<IRankingCache, HybridRankingCache>();
        return services;
    }

    /// <summary>The longest a cache call waits for Redis: far below the grain call timeout, long above a loopback round trip.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest a first connection attempt waits; a call made during it waits at most this plus <see cref="CallTimeout"/>.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);

    public static ConfigurationOptions CacheConnection(string redis)
    {
        var options = ConfigurationOptions.Parse(redis);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = (int)ConnectTimeout.TotalMilliseconds;
        options.SyncTimeout = (int)CallTimeout.TotalMilliseconds;
        options.AsyncTimeout = (int)CallTimeout.TotalMilliseconds;
        // The default backlog holds commands while the connection is down until they time out: every cache call of an
        // outage would wait the whole timeout.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return options;
    }

    private static object Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
