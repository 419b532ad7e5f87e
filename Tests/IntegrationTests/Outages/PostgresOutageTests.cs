using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadRecs.IntegrationTests.Processes;
using LeadRecs.Storage;
using Npgsql;
using Xunit.Abstractions;

namespace LeadRecs.IntegrationTests.Outages;

/// <summary>
/// A silo and an API client as processes, on a PostgreSQL of the test's own that is stopped (immediate shutdown: every
/// session cut, as in a crash) and started again. While it is down, events are refused with 503 and nothing of them is
/// logged or applied later; reads of active grains are served; nothing is ever a 500; afterwards events are accepted again.
/// </summary>
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    private const int Users = 4;
    private const int Workers = 4;
    private static readonly TimeSpan RecoveryLoad = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task With_PostgreSQL_down_events_are_refused_with_503_reads_are_served_and_nothing_refused_is_applied()
    {
        await using var postgres = await PrivatePostgres.StartMigratedAsync();
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = TestEnvironment.RedisAddress,
            ["ConnectionStrings__Postgres"] = postgres.ConnectionString,
            ["LeadRecs__Cluster__ClusterId"] = $"pgdown-{Guid.NewGuid():N}"[..24],
            ["LeadRecs__Cluster__ServiceId"] = "leadrecs",
            ["LeadRecs__Fraud__Enabled"] = "false",
        };
        using var silo = ServiceProcess.Create("Silo", "LeadRecs.Silo.dll", new Dictionary<string, string>(common)
        {
            ["LeadRecs__Cluster__SiloPort"] = ServiceProcess.FreePort().ToString(),
            ["LeadRecs__Cluster__GatewayPort"] = ServiceProcess.FreePort().ToString(),
        });
        using var api = ServiceProcess.Create("Client.Api", "LeadRecs.Client.Api.dll", common);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        silo.Start();
        await silo.WaitHealthyAsync(http, TimeSpan.FromSeconds(60));
        api.Start();
        await api.WaitHealthyAsync(http, TimeSpan.FromSeconds(60));
        output.WriteLine($"logs: silo {silo.LogPath}, api {api.LogPath}");

        var client = new OutageClient(http, api.BaseAddress, Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(HttpStatusCode.OK, (await client.UpsertLeadsAsync()).StatusCode);
        var accepted = new Dictionary<int, int>();
        for (var user = 0; user < Users; user++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostEventsAsync(user)).Response.StatusCode);
            accepted[user] = 2;
            Assert.Equal(HttpStatusCode.OK, (await client.GetRecommendationsAsync(user)).StatusCode);
        }
        // Activates the region grains of the box (empty ones too), which read their state from PostgreSQL.
        Assert.Equal(HttpStatusCode.OK, (await client.GetHeatmapAsync()).StatusCode);

        await postgres.CrashAsync();
        output.WriteLine("PostgreSQL stopped");
        var refused = new ConcurrentBag<string>();
        var outageEnds = DateTime.UtcNow + TimeSpan.FromSeconds(6);
        var coldUsers = 1000;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async worker =>
        {
            for (var round = worker; DateTime.UtcNow < outageEnds; round += Workers)
            {
                var user = round % Users;
                var (response, ids) = await client.PostEventsAsync(user);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(503, problem.GetProperty("status").GetInt32());
                Assert.Contains("postgresql", problem.GetProperty("detail").GetString());
                foreach (var id in ids)
                {
                    refused.Add(id);
                }

                // Active grains answer from memory (the user's ranking) and the lead and region grains.
                Assert.Equal(HttpStatusCode.OK, (await client.GetRecommendationsAsync(user)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await client.GetLeadAsync(round)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await client.GetHeatmapAsync()).StatusCode);

                // A user whose grain is not active cannot start without its state: the failed activation reaches the API
                // from the silo as the outage, a 503, not as an exception it cannot read.
                var cold = await client.GetRecommendationsAsync(Interlocked.Increment(ref coldUsers));
                Assert.Equal(HttpStatusCode.ServiceUnavailable, cold.StatusCode);
                Assert.Equal("application/problem+json", cold.Content.Headers.ContentType?.MediaType);
            }
        }));
        // A lead upsert is written before it is answered: refused as well.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.UpsertLeadsAsync()).StatusCode);
        var health = await client.GetHealthAsync();
        var healthJson = await health.Content.ReadAsStringAsync();
        output.WriteLine($"health during the outage: {(int)health.StatusCode} {healthJson}");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var healthBody = JsonDocument.Parse(healthJson).RootElement;
        Assert.Equal("degraded", healthBody.GetProperty("status").GetString());
        Assert.Equal("degraded", healthBody.GetProperty("dependencies").GetProperty("postgresql").GetString());

        await postgres.RestartAsync();
        output.WriteLine("PostgreSQL started again");
        // Until the first event is accepted the API may still see the outage (503), never anything else; an event sent
        // after that is accepted, also on the pooled sessions the restart cut.
        var restarted = Stopwatch.StartNew();
        var sent = new ConcurrentBag<(TimeSpan Started, TimeSpan Ended, HttpStatusCode Status, int User, string[] Ids)>();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async worker =>
        {
            for (var round = worker; restarted.Elapsed < RecoveryLoad; round += Workers)
            {
                var user = round % Users;
                var started = restarted.Elapsed;
                var (response, ids) = await client.PostEventsAsync(user);
                sent.Add((started, restarted.Elapsed, response.StatusCode, user, ids));
                Assert.Equal(HttpStatusCode.OK, (await client.GetRecommendationsAsync(user)).StatusCode);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    await Task.Delay(100);
                }
            }
        }));
        var firstAccepted = sent.Where(s => s.Status == HttpStatusCode.Accepted).Select(s => s.Ended).DefaultIfEmpty(TimeSpan.MaxValue).Min();
        output.WriteLine($"first event accepted {firstAccepted.TotalSeconds:0.0} s after the restart; {sent.Count} batches sent in {RecoveryLoad.TotalSeconds} s");
        Assert.True(firstAccepted < RecoveryLoad / 2, "events are accepted again soon after the restart");
        foreach (var batch in sent)
        {
            if (batch.Status == HttpStatusCode.Accepted)
            {
                accepted[batch.User] += batch.Ids.Length;
                continue;
            }
            Assert.Equal(HttpStatusCode.ServiceUnavailable, batch.Status);
            Assert.True(batch.Started < firstAccepted, $"a batch sent {batch.Started.TotalSeconds:0.00} s after the restart, after events were accepted again, got 503");
            foreach (var id in batch.Ids)
            {
                refused.Add(id);
            }
        }

        var slowest = client.Seen.Where(s => s.Status == HttpStatusCode.ServiceUnavailable).Max(s => s.Took);
        output.WriteLine($"slowest 503: {slowest.TotalMilliseconds:0} ms");
        var statuses = client.Seen.GroupBy(s => $"{s.What} {(int)s.Status}").Select(g => $"{g.Key}: {g.Count()}");
        output.WriteLine($"answers: {string.Join(", ", statuses)}; refused events {refused.Count}");
        Assert.DoesNotContain(client.Seen, s => (int)s.Status >= 500 && s.Status != HttpStatusCode.ServiceUnavailable);

        // Hundreds of refused requests, a few log lines: one per operation and reason per 10 s, no stack of the outage.
        foreach (var process in new[] { api, silo })
        {
            var lines = await ReadLogAsync(process.LogPath);
            var outageLines = lines.Count(l => l.Contains("postgresql unavailable for", StringComparison.Ordinal));
            output.WriteLine($"{Path.GetFileName(process.LogPath)}: {lines.Length} lines, {outageLines} about the outage");
            Assert.InRange(outageLines, 0, 12);
            Assert.DoesNotContain(lines, l => l.Contains("Npgsql", StringComparison.Ordinal) || l.Contains("DependencyUnavailableException", StringComparison.Ordinal));
        }
        Assert.DoesNotContain(await ReadLogAsync(api.LogPath), l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));

        // Nothing refused is in the log, and the users' features hold exactly the accepted events.
        // Unpooled: the test's own pool (the migration's session) was cut by the restart too.
        await using (var connection = new NpgsqlConnection(postgres.UnpooledConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM interactions WHERE event_id = ANY(@ids)", connection);
            command.Parameters.AddWithValue("ids", refused.ToArray());
            Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        }
        foreach (var (user, count) in accepted)
        {
            var summary = await (await client.GetUserAsync(user)).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(count, summary.GetProperty("interactionCount").GetInt64());
        }
    }

    private static async Task<string[]> ReadLogAsync(string path)
    {
        // The process appends to it as it runs.
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return (await reader.ReadToEndAsync()).Split('\n');
    }
}
