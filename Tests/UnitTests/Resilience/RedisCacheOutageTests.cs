using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LeadRecs.Grains.Caching;
using LeadRecs.Grains.Resilience;
using LeadRecs.Silo.Hosting;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadRecs.UnitTests.Resilience;

/// <summary>
/// The ranking cache's Redis client as the silo configures it, against a port where nothing listens (Redis down): a call
/// is a quick miss, never an exception, and once the breaker is open Redis is not called at all.
/// </summary>
public sealed class RedisCacheOutageTests
{
    [Fact]
    public async Task With_nothing_listening_a_cache_call_is_a_quick_miss_and_the_breaker_opens()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        using var services = new ServiceCollection().AddMetrics().AddLogging().BuildServiceProvider();
        using var redis = new RedisCache(new RedisCacheOptions { ConfigurationOptions = RedisRankingCacheExtensions.CacheConnection($"127.0.0.1:{port}") });
        var breaker = new CircuitBreaker(TimeProvider.System, failureThreshold: 3, openFor: TimeSpan.FromMinutes(1));
        var health = new DependencyHealth(TimeProvider.System, NullLogger<DependencyHealth>.Instance,
            services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var cache = new CircuitBreakingDistributedCache(redis, breaker, health, NullLogger<CircuitBreakingDistributedCache>.Instance);

        // Each failed call is bounded by the client's own settings (a first connection attempt plus one call timeout),
        // not by the 5 s of StackExchange.Redis' defaults, and far below the 8 s grain call timeout.
        var bound = RedisRankingCacheExtensions.ConnectTimeout + RedisRankingCacheExtensions.CallTimeout;
        for (var i = 0; i < 3; i++)
        {
            var started = Stopwatch.StartNew();
            Assert.Null(await cache.GetAsync("k"));
            Assert.True(started.Elapsed < bound, $"a failed read took {started.Elapsed}");
            started.Restart();
            await cache.SetAsync("k", [1], new DistributedCacheEntryOptions());
            Assert.True(started.Elapsed < bound, $"a failed write took {started.Elapsed}");
        }
        Assert.True(breaker.IsOpen);
        Assert.Equal("degraded", health.Snapshot()["redis"]);

        var skipped = Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++)
        {
            Assert.Null(await cache.GetAsync("k"));
        }
        Assert.True(skipped.Elapsed < TimeSpan.FromMilliseconds(200), $"1,000 skipped calls took {skipped.Elapsed}");
    }
}
