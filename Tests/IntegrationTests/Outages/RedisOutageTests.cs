using System.Net;
using System.Text.Json;
using LeadRecs.IntegrationTests.Processes;
using Xunit.Abstractions;

namespace LeadRecs.IntegrationTests.Outages;

/// <summary>
/// The API as a silo of its own cluster, on a Redis of the test's own that is killed (SIGKILL). Redis holds the ranking
/// cache's second tier (and the membership table): without it, recommendations are computed in the grains at once
/// instead of waiting for Redis, and events are accepted as before.
/// </summary>
public sealed class RedisOutageTests(ITestOutputHelper output)
{
    private const int WarmUsers = 8;
    private const int Workers = 4;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task With_Redis_down_reads_answer_well_within_the_grain_timeout_and_writes_are_accepted()
    {
        await using var redis = await PrivateRedis.StartAsync();
        var postgres = await Cluster.PostgresDatabase.CreateMigratedAsync("redisdown");
        using var api = ServiceProcess.Create("Client.Api", "LeadRecs.Client.Api.dll", new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = redis.Address,
            ["ConnectionStrings__Postgres"] = postgres,
            ["LeadRecs__Cluster__ClusterId"] = $"redisdown-{Guid.NewGuid():N}"[..24],
            ["LeadRecs__Cluster__ServiceId"] = "leadrecs",
            ["LeadRecs__Cluster__HostSilo"] = "true",
            ["LeadRecs__Cluster__SiloPort"] = ServiceProcess.FreePort().ToString(),
            ["LeadRecs__Cluster__GatewayPort"] = ServiceProcess.FreePort().ToString(),
            ["LeadRecs__Fraud__Enabled"] = "false",
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        api.Start();
        await api.WaitHealthyAsync(http, TimeSpan.FromSeconds(60));
        output.WriteLine($"log: {api.LogPath}");

        var client = new OutageClient(http, api.BaseAddress, Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(HttpStatusCode.OK, (await client.UpsertLeadsAsync()).StatusCode);
        for (var user = 0; user < WarmUsers; user++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostEventsAsync(user)).Response.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetRecommendationsAsync(user)).StatusCode);
        }
        client.Seen.Clear();

        redis.Kill();
        output.WriteLine("Redis killed");
        var ends = DateTime.UtcNow + Outage;
        // Each worker reads a warm user's list (memory), sends that user an event (which makes the list stale, so the
        // next read computes it, asking Redis first) and reads a user nobody asked for before (a new activation).
        var fresh = WarmUsers;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async worker =>
        {
            for (var round = 0; DateTime.UtcNow < ends; round++)
            {
                var user = (worker + round * Workers) % WarmUsers;
                Assert.Equal(HttpStatusCode.OK, (await client.GetRecommendationsAsync(user)).StatusCode);
                Assert.Equal(HttpStatusCode.Accepted, (await client.PostEventsAsync(user)).Response.StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await client.GetRecommendationsAsync(user)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await client.GetRecommendationsAsync(Interlocked.Increment(ref fresh))).StatusCode);
            }
        }));

        var reads = client.Seen.Where(s => s.What == "recommendations").Select(s => s.Took.TotalMilliseconds).Order().ToList();
        var writes = client.Seen.Where(s => s.What == "events").Select(s => s.Took.TotalMilliseconds).Order().ToList();
        double P(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        output.WriteLine($"with Redis down: {reads.Count} reads p50 {P(reads, 0.5):0.0} ms p99 {P(reads, 0.99):0.0} ms max {reads[^1]:0.0} ms; "
            + $"{writes.Count} writes p50 {P(writes, 0.5):0.0} ms p99 {P(writes, 0.99):0.0} ms max {writes[^1]:0.0} ms");
        // The grain call timeout is 8 s, a Redis call's own timeout 500 ms: no read may come near either.
        Assert.True(P(reads, 0.99) < 500, $"read p99 {P(reads, 0.99):0.0} ms");
        Assert.True(reads[^1] < 2000, $"slowest read {reads[^1]:0.0} ms");

        var health = JsonDocument.Parse(await (await client.GetHealthAsync()).Content.ReadAsStringAsync()).RootElement;
        output.WriteLine($"health: {health}");
        Assert.Equal("degraded", health.GetProperty("dependencies").GetProperty("redis").GetString());
    }
}
