using Xunit.Abstractions;

namespace LeadRecs.IntegrationTests.Faults;

/// <summary>
/// Redis (cluster membership and the shared ranking cache) is killed under load and restarted 5 s later from its
/// append-only file; 20 s after that a silo is killed. The cluster must ride out the Redis outage (a cache that
/// cannot be reached is skipped, membership is kept) and still be able to declare the killed silo dead through the
/// restarted Redis, so that its grains come back on the survivor within seconds.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class RedisCrashTests(ITestOutputHelper output)
{
    [Fact]
    public Task A_restarted_Redis_then_a_killed_silo_cost_under_10_s_of_service_and_no_acknowledged_event() =>
        FaultScenario.RunAsync("redis-crash", output, TimeSpan.FromSeconds(50), async (cluster, load, timeline) =>
        {
            await load.UntilAsync(TimeSpan.FromSeconds(8));
            cluster.Redis.Kill();
            timeline.Note("Redis killed (SIGKILL)");
            await load.UntilAsync(TimeSpan.FromSeconds(13));
            await cluster.Redis.RestartAsync();
            timeline.Note("Redis restarted from its append-only file and answering");
            await load.UntilAsync(TimeSpan.FromSeconds(33));
            cluster.Silos[1].Kill();
            timeline.Note("silo 2 killed (SIGKILL), not restarted");
        });
}
