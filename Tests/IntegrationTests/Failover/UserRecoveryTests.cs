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
/// User grains write their state behind. A silo killed with SIGKILL before a user grain's write must cost nothing
/// acknowledged: the grain that starts on another silo replays the user's log rows after its persisted position.
/// </summary>
public sealed class UserRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_user_grain_killed_before_its_lazy_write_recovers_its_features_from_the_log()
    {
        var postgres = await PostgresDatabase.CreateMigratedAsync("recovery");
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = TestEnvironment.RedisAddress,
            ["ConnectionStrings__Postgres"] = postgres,
            ["LeadRecs__Cluster__ClusterId"] = $"recovery-{Guid.NewGuid():N}"[..24],
            ["LeadRecs__Cluster__ServiceId"] = "leadrecs",
            ["Logging__LogLevel__Default"] = "Warning",
            ["LeadRecs__Fraud__Enabled"] = "false",
            // No lazy write happens during the test: whatever the user grain knew lives only in the silo's memory.
            ["LeadRecs__Grains__UserFlushInterval"] = "01:00:00",
        };
        var siloPorts = new[] { (ServiceProcess.FreePort(), ServiceProcess.FreePort()), (ServiceProcess.FreePort(), ServiceProcess.FreePort()) };
        ServiceProcess Silo(int i) => ServiceProcess.Create("Silo", "LeadRecs.Silo.dll", new Dictionary<string, string>(common)
        {
            ["LeadRecs__Cluster__SiloPort"] = siloPorts[i].Item1.ToString(),
            ["LeadRecs__Cluster__GatewayPort"] = siloPorts[i].Item2.ToString(),
        });

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var silos = new[] { Silo(0), Silo(1) };
        var api = ServiceProcess.Create("Client.Api", "LeadRecs.Client.Api.dll", common);
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
            api.Start();
            await api.WaitHealthyAsync(http, TimeSpan.FromSeconds(60));

            var p = Guid.NewGuid().ToString("N")[..6];
            var leads = Enumerable.Range(0, 10).Select(i => new
            {
                id = $"{p}-l{i}", lat = 47.6 + i * 0.004, lon = -122.3 + i * 0.003, price = 300_000 + i * 50_000,
                kind = i % 2 == 0 ? "condo" : "house", bedrooms = 2,
            }).ToArray();
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync(new Uri(api.BaseAddress, "/api/leads"), leads)).StatusCode);

            // Twelve users (random placement puts some on each silo), three acknowledged batches each.
            var users = Enumerable.Range(0, 12).Select(u => $"{p}-u{u}").ToArray();
            // Whole seconds: the log keeps PostgreSQL's microseconds, so a replayed time has no finer ticks than that.
            var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeSeconds());
            for (var batch = 0; batch < 3; batch++)
            {
                var events = users.SelectMany((user, u) => Enumerable.Range(0, 4).Select(e => new
                {
                    userId = user, leadId = $"{p}-l{(u + batch * 4 + e) % 10}", kind = e == 3 ? "inquiry" : e == 2 ? "click" : "view",
                    at = at.AddMinutes(batch * 4 + e), eventId = $"{p}-{user}-{batch}-{e}",
                })).ToArray();
                var response = await http.PostAsJsonAsync(new Uri(api.BaseAddress, "/api/events"), events);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }
            var before = new Dictionary<string, JsonElement>();
            foreach (var user in users)
            {
                before[user] = await http.GetFromJsonAsync<JsonElement>(new Uri(api.BaseAddress, $"/api/users/{user}"));
                Assert.Equal(12, before[user].GetProperty("interactionCount").GetInt64());
                Assert.Equal(0L, await CountStoredStatesAsync(postgres, user));
            }
            Assert.Equal(1L, await CountStoredStatesAsync(postgres, $"{p}-l0")); // an upserted lead is written at once
            var lost = (await UsersBySiloPortAsync(common["LeadRecs__Cluster__ClusterId"])).GetValueOrDefault(siloPorts[1].Item1, []);
            output.WriteLine($"user grains on the silo to be killed: {lost.Count}");
            Assert.Contains(lost, users.Contains);

            silos[1].Kill();
            output.WriteLine($"killed silo 2; logs: {silos[0].LogPath}, {api.LogPath}");

            foreach (var user in users)
            {
                var after = await GetWhenServedAsync(http, new Uri(api.BaseAddress, $"/api/users/{user}"), TimeSpan.FromSeconds(60));
                Assert.Equal(12, after.GetProperty("interactionCount").GetInt64());
                foreach (var property in new[] { "lastActivity", "featureVersion", "recentLeadIds", "topCellIds" })
                {
                    Assert.Equal(before[user].GetProperty(property).GetRawText(), after.GetProperty(property).GetRawText());
                }
                Assert.Equal(before[user].GetProperty("centreLat").GetDouble(), after.GetProperty("centreLat").GetDouble(), 9);
                Assert.Equal(before[user].GetProperty("centreLon").GetDouble(), after.GetProperty("centreLon").GetDouble(), 9);
            }

            // A client that retries a batch of a recovered user (it never saw the 202) and sends one more: the retry
            // counts for nothing, the new event once.
            var recovered = lost.First(users.Contains);
            var retried = new[] { new { userId = recovered, leadId = $"{p}-l1", kind = "view", at = at.AddMinutes(8), eventId = $"{p}-{recovered}-2-0" } };
            var fresh = new[] { new { userId = recovered, leadId = $"{p}-l2", kind = "view", at = at.AddMinutes(20), eventId = $"{p}-{recovered}-3-0" } };
            Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync(new Uri(api.BaseAddress, "/api/events"), retried)).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync(new Uri(api.BaseAddress, "/api/events"), fresh)).StatusCode);
            var later = await http.GetFromJsonAsync<JsonElement>(new Uri(api.BaseAddress, $"/api/users/{recovered}"));
            Assert.Equal(13, later.GetProperty("interactionCount").GetInt64());
        }
        finally
        {
            api.Dispose();
            foreach (var silo in silos)
            {
                silo.Dispose();
            }
        }
    }

    /// <summary>The keys of the user grains active on each silo, by silo port.</summary>
    private static async Task<Dictionary<int, List<string>>> UsersBySiloPortAsync(string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddLeadRecsClient(TestEnvironment.RedisAddress, clusterId, "leadrecs");
        using var client = builder.Build();
        await client.StartAsync();
        var management = client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        var stats = await management.GetDetailedGrainStatistics();
        await client.StopAsync();
        return stats.Where(s => s.GrainType.Contains(nameof(UserGrain), StringComparison.Ordinal))
            .GroupBy(s => s.SiloAddress.Endpoint.Port)
            .ToDictionary(g => g.Key, g => g.Select(s => s.GrainId.Key.ToString()!).ToList());
    }

    private static async Task<JsonElement> GetWhenServedAsync(HttpClient http, Uri uri, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                var response = await http.GetAsync(uri);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadFromJsonAsync<JsonElement>();
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, $"{uri} was not served within {timeout}");
            await Task.Delay(250);
        }
    }

    /// <summary>Grain states stored for grains keyed <paramref name="key"/> (a string key is the id's extension).</summary>
    private static async Task<long> CountStoredStatesAsync(string postgres, string key)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM orleansstorage WHERE grainidextensionstring = @u", connection);
        command.Parameters.AddWithValue("u", key);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
