using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadRecs.Grains;
using LeadRecs.Grains.Interfaces;
using LeadRecs.IntegrationTests.Cluster;
using LeadRecs.IntegrationTests.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit.Abstractions;

namespace LeadRecs.IntegrationTests.Failover;

/// <summary>
/// Two silo processes and two API processes on loopback; steady load through both APIs; one silo is killed
/// with SIGKILL mid-run and later restarted. Bounded: about half a minute of load.
/// </summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(24);
    private static readonly TimeSpan KillAt = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan RestartAt = TimeSpan.FromSeconds(14);
    private const int Users = 200;
    private const int Workers = 6;

    /// <summary>A request: when it started, how long it took, whether it succeeded.</summary>
    private sealed record Outcome(TimeSpan At, TimeSpan Took, bool Ok, string What)
    {
        public TimeSpan End => At + Took;
    }

    [Fact]
    public async Task A_killed_silo_costs_a_short_window_and_loses_no_acknowledged_event()
    {
        var postgres = await PostgresDatabase.CreateMigratedAsync("failover");
        var clusterId = $"failover-{Guid.NewGuid():N}"[..24];
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = TestEnvironment.RedisAddress,
            ["ConnectionStrings__Postgres"] = postgres,
            ["LeadRecs__Cluster__ClusterId"] = clusterId,
            ["LeadRecs__Cluster__ServiceId"] = "leadrecs",
            ["Logging__LogLevel__Default"] = "Warning",
            // 200 synthetic users at about two events a second each are bots by any measure; this test is about
            // durability, so the fraud filter (which would rightly set their events aside) is off.
            ["LeadRecs__Fraud__Enabled"] = "false",
        };
        var siloPorts = new[] { (ServiceProcess.FreePort(), ServiceProcess.FreePort()), (ServiceProcess.FreePort(), ServiceProcess.FreePort()) };
        ServiceProcess Silo(int i) => ServiceProcess.Create("Silo", "LeadRecs.Silo.dll", new Dictionary<string, string>(common)
        {
            ["LeadRecs__Cluster__SiloPort"] = siloPorts[i].Item1.ToString(),
            ["LeadRecs__Cluster__GatewayPort"] = siloPorts[i].Item2.ToString(),
        });

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var silos = new[] { Silo(0), Silo(1) };
        var apis = new[] { ServiceProcess.Create("Client.Api", "LeadRecs.Client.Api.dll", common), ServiceProcess.Create("Client.Api", "LeadRecs.Client.Api.dll", common) };
        ServiceProcess? restarted = null;
        try
        {
            foreach (var silo in silos)
            {
                silo.Start();
            }
            foreach (var silo in silos)
            {
                await silo.WaitHealthyAsync(http, TimeSpan.FromSeconds(60));
            }
            foreach (var api in apis)
            {
                api.Start();
            }
            foreach (var api in apis)
            {
                await api.WaitHealthyAsync(http, TimeSpan.FromSeconds(60));
            }

            var p = Guid.NewGuid().ToString("N")[..6];
            await SeedLeadsAsync(http, apis[0].BaseAddress, p);

            var outcomes = new ConcurrentBag<Outcome>();
            var acknowledged = new ConcurrentBag<(string User, string EventId)>();
            var clock = Stopwatch.StartNew();
            var load = Enumerable.Range(0, Workers)
                .Select(w => RunWorkerAsync(w, http, apis, p, clock, outcomes, acknowledged))
                .ToArray();

            await Task.Delay(KillAt);
            silos[1].Kill();
            var killedAt = clock.Elapsed;
            output.WriteLine($"killed silo 2 at {killedAt.TotalSeconds:0.0}s; API logs: {apis[0].LogPath}, {apis[1].LogPath}");

            await Task.Delay(RestartAt - KillAt);
            restarted = Silo(1);
            restarted.Start();
            await restarted.WaitHealthyAsync(http, TimeSpan.FromSeconds(60));
            output.WriteLine($"silo 2 restarted and healthy at {clock.Elapsed.TotalSeconds:0.0}s");
            await Task.WhenAll(load);

            // The failover window: from the kill until requests are served normally again, i.e. the end of the
            // last request that failed or was slowed down (over a second) by the kill.
            var all = outcomes.OrderBy(o => o.At).ToList();
            var failures = all.Where(o => !o.Ok).ToList();
            var disturbed = all.Where(o => o.End >= killedAt && (!o.Ok || o.Took > TimeSpan.FromSeconds(1))).ToList();
            var window = disturbed.Count == 0 ? TimeSpan.Zero : disturbed.Max(o => o.End) - killedAt;
            var before = all.Where(o => o.End < killedAt).Select(o => o.Took.TotalMilliseconds).Order().ToList();
            output.WriteLine($"requests {all.Count} ({all.Count(o => o.At >= killedAt)} after the kill), failed {failures.Count}, " +
                $"slowed {disturbed.Count(o => o.Ok)}, failover window {window.TotalSeconds:0.00}s, " +
                $"max latency after the kill {all.Where(o => o.End >= killedAt).Max(o => o.Took).TotalSeconds:0.00}s, " +
                $"p50 before {before[before.Count / 2]:0.0} ms, throughput {all.Count / LoadDuration.TotalSeconds:0} req/s");
            foreach (var f in failures.Take(10))
            {
                output.WriteLine($"  failed: started {f.At.TotalSeconds:0.00}s, took {f.Took.TotalSeconds:0.00}s: {f.What}");
            }
            Assert.True(all.Count(o => o.At > LoadDuration - TimeSpan.FromSeconds(4)) > 0, "load ran to the end");
            Assert.DoesNotContain(all, o => !o.Ok && o.At > LoadDuration - TimeSpan.FromSeconds(4));
            Assert.True(window < TimeSpan.FromSeconds(20), $"failover window {window}");

            // Every event acknowledged with 202 is in PostgreSQL.
            var ids = acknowledged.Select(a => a.EventId).ToArray();
            var stored = await CountStoredAsync(postgres, ids);
            output.WriteLine($"events acknowledged {ids.Length}, stored {stored}");
            Assert.Equal(ids.Length, stored);

            // User features hold every acknowledged event, and nothing twice: at most what the log has for the user
            // (a request that timed out on the client may still have been stored and applied).
            foreach (var user in acknowledged.GroupBy(a => a.User))
            {
                var summary = await http.GetFromJsonAsync<JsonElement>(new Uri(apis[0].BaseAddress, $"/api/users/{user.Key}"));
                var applied = summary.GetProperty("interactionCount").GetInt64();
                Assert.InRange(applied, user.Count(), await CountStoredForUserAsync(postgres, user.Key));
            }

            await AssertRestartedSiloTakesGrainsAsync(http, apis[1].BaseAddress, clusterId, siloPorts[1].Item1, p);
        }
        finally
        {
            foreach (var process in apis.Concat(silos).Append(restarted))
            {
                process?.Dispose();
            }
        }
    }

    private static async Task SeedLeadsAsync(HttpClient http, Uri api, string p)
    {
        var random = new Random(11);
        var leads = Enumerable.Range(0, 300).Select(i => new
        {
            id = $"{p}-l{i}", lat = -33.9 + random.NextDouble() * 0.2, lon = 18.4 + random.NextDouble() * 0.2,
            price = 200_000 + random.Next(0, 800_000), kind = i % 3 == 0 ? "condo" : "house", bedrooms = 1 + i % 4,
        }).ToArray();
        var response = await http.PostAsJsonAsync(new Uri(api, "/api/leads"), leads);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task RunWorkerAsync(
        int worker, HttpClient http, ServiceProcess[] apis, string p, Stopwatch clock,
        ConcurrentBag<Outcome> outcomes, ConcurrentBag<(string, string)> acknowledged)
    {
        var random = new Random(worker);
        var sequence = 0;
        while (clock.Elapsed < LoadDuration)
        {
            var api = apis[sequence % apis.Length].BaseAddress;
            var user = $"{p}-u{random.Next(Users)}";
            var at = clock.Elapsed;
            Outcome Done(bool ok, string what) => new(at, clock.Elapsed - at, ok, what);
            try
            {
                if (random.NextDouble() < 0.3)
                {
                    var events = Enumerable.Range(0, 3).Select(e => new
                    {
                        userId = user, leadId = $"{p}-l{random.Next(300)}", kind = e == 2 ? "click" : "view",
                        eventId = $"{p}-w{worker}-{sequence}-{e}",
                    }).ToArray();
                    var response = await http.PostAsJsonAsync(new Uri(api, "/api/events"), events);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        foreach (var e in events)
                        {
                            acknowledged.Add((user, e.eventId));
                        }
                    }
                    outcomes.Add(Done(response.StatusCode == HttpStatusCode.Accepted, $"events {(int)response.StatusCode}"));
                }
                else
                {
                    var response = await http.GetAsync(new Uri(api, $"/api/users/{user}/recommendations?k=10"));
                    outcomes.Add(Done(response.IsSuccessStatusCode, $"recommendations {(int)response.StatusCode}"));
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                outcomes.Add(Done(false, ex.GetType().Name));
            }
            sequence++;
        }
    }

    private static async Task<long> CountStoredForUserAsync(string postgres, string userId)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM interactions WHERE user_id = @u", connection);
        command.Parameters.AddWithValue("u", userId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> CountStoredAsync(string postgres, string[] eventIds)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM interactions WHERE event_id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", eventIds);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>New users activate on both silos again, the restarted one included.</summary>
    private async Task AssertRestartedSiloTakesGrainsAsync(HttpClient http, Uri api, string clusterId, int restartedSiloPort, string p)
    {
        for (var u = 0; u < 60; u++)
        {
            var response = await http.GetAsync(new Uri(api, $"/api/users/{p}-fresh{u}/recommendations?k=5"));
            Assert.True(response.IsSuccessStatusCode);
        }
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddLeadRecsClient(TestEnvironment.RedisAddress, clusterId, "leadrecs");
        using var client = builder.Build();
        await client.StartAsync();
        var management = client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        var stats = await management.GetSimpleGrainStatistics();
        var spread = stats.Where(s => s.GrainType.Contains(nameof(UserGrain)))
            .GroupBy(s => s.SiloAddress.Endpoint.Port)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
        output.WriteLine("user grains per silo port: " + string.Join(", ", spread.Select(s => $"{s.Key}: {s.Value}")));
        Assert.True(spread.GetValueOrDefault(restartedSiloPort) > 0, "the restarted silo should host user grains again");
        await client.StopAsync();
    }
}
