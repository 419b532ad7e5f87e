using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadRecs.Grains;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.IntegrationTests.Cluster;
using LeadRecs.IntegrationTests.Processes;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Geo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit.Abstractions;
using DomainKind = LeadRecs.Ranking.Domain.InteractionKind;

namespace LeadRecs.IntegrationTests.Failover;

/// <summary>
/// Lead popularity, funnel counts and cell demand are written behind. A silo killed with SIGKILL before any of those
/// writes must cost nothing acknowledged: leads replay their log rows after their persisted position, cells ask their
/// leads. What the grains say afterwards is checked against the rows in PostgreSQL.
/// </summary>
public sealed class AggregateRecoveryTests(ITestOutputHelper output)
{
    private const int Cells = 8;
    private const int LeadsPerCell = 5;

    [Fact]
    public async Task Lead_counts_and_cell_demand_lost_with_a_killed_silo_come_back_to_what_the_log_says()
    {
        var postgres = await PostgresDatabase.CreateMigratedAsync("aggregates");
        var clusterId = $"aggregates-{Guid.NewGuid():N}"[..24];
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = TestEnvironment.RedisAddress,
            ["ConnectionStrings__Postgres"] = postgres,
            ["LeadRecs__Cluster__ClusterId"] = clusterId,
            ["LeadRecs__Cluster__ServiceId"] = "leadrecs",
            ["Logging__LogLevel__Default"] = "Warning",
            ["LeadRecs__Fraud__Enabled"] = "false",
            // No lazy write happens during the test: what leads and cells counted lives only in the silos' memory.
            ["LeadRecs__Grains__FlushInterval"] = "01:00:00",
            ["LeadRecs__Grains__UserFlushInterval"] = "01:00:00",
        };
        var siloPorts = new[] { (ServiceProcess.FreePort(), ServiceProcess.FreePort()), (ServiceProcess.FreePort(), ServiceProcess.FreePort()) };
        ServiceProcess Silo(int i) => ServiceProcess.Create("Silo", "LeadRecs.Silo.dll", new Dictionary<string, string>(common)
        {
            ["LeadRecs__Cluster__SiloPort"] = siloPorts[i].Item1.ToString(),
            ["LeadRecs__Cluster__GatewayPort"] = siloPorts[i].Item2.ToString(),
        });

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var silos = new List<ServiceProcess> { Silo(0), Silo(1) };
        var api = ServiceProcess.Create("Client.Api", "LeadRecs.Client.Api.dll", common);
        IHost? client = null;
        try
        {
            silos.ForEach(s => s.Start());
            foreach (var silo in silos)
            {
                await silo.WaitHealthyAsync(http, TimeSpan.FromSeconds(60));
            }
            api.Start();
            await api.WaitHealthyAsync(http, TimeSpan.FromSeconds(60));
            client = await StartClientAsync(clusterId);
            var grains = client.Services.GetRequiredService<IClusterClient>();
            // Random placement spreads the leads over both silos only once both are in the membership the placing silo
            // sees; silos started together may still be learning of each other when they answer /health.
            var management = grains.GetGrain<IManagementGrain>(0);
            for (var waited = 0; (await management.GetHosts(onlyActive: true)).Count < 2 && waited < 200; waited++)
            {
                await Task.Delay(100);
            }

            var p = Guid.NewGuid().ToString("N")[..6];
            // Cells 0.1 degree apart, the leads of one cell within a few metres of its centre.
            var centres = Enumerable.Range(0, Cells).Select(c => GeoCell.FromLatLon(47.2 + c * 0.1, -122.3, GeoRegions.CellZoom).Center).ToArray();
            var leads = Enumerable.Range(0, Cells * LeadsPerCell).Select(i => new
            {
                id = $"{p}-l{i}", lat = centres[i / LeadsPerCell].Lat + i % LeadsPerCell * 1e-5, lon = centres[i / LeadsPerCell].Lon,
                price = 300_000 + i * 10_000, kind = i % 2 == 0 ? "condo" : "house", bedrooms = 2,
            }).ToArray();
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync(new Uri(api.BaseAddress, "/api/leads"), leads)).StatusCode);
            var cellOf = leads.ToDictionary(l => l.id, l => GeoCell.FromLatLon(l.lat, l.lon, GeoRegions.CellZoom).ToString());
            Assert.Equal(Cells, cellOf.Values.Distinct().Count());

            // Four acknowledged batches of 100 events over the leads, and one of them sent twice (a client retry).
            var random = new Random(14);
            var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds());
            var batches = Enumerable.Range(0, 4).Select(b => Enumerable.Range(0, 100).Select(e =>
            {
                var r = random.Next(20);
                return new
                {
                    userId = $"{p}-u{random.Next(20)}", leadId = leads[random.Next(leads.Length)].id,
                    kind = r == 0 ? "inquiry" : r < 4 ? "click" : "view",
                    at = at.AddSeconds(b * 100 + e), eventId = $"{p}-{b}-{e}",
                };
            }).ToArray()).ToArray();
            foreach (var batch in batches.Append(batches[1]))
            {
                Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync(new Uri(api.BaseAddress, "/api/events"), batch)).StatusCode);
            }

            var fromLog = await ReadLogAsync(postgres, p);
            Assert.Equal(400, fromLog.Values.Sum(l => l.Count));
            await AssertAsLogSaysAsync(grains, fromLog, cellOf, "before the kill");
            var stored = await StoredInteractionCountAsync(postgres, p);
            output.WriteLine($"interactions in the log: 400; in stored lead states: {stored}");
            Assert.Equal(0, stored);

            var onKilled = await GrainsOnSiloAsync(grains, siloPorts[1].Item1, p);
            output.WriteLine($"on the silo to be killed: {onKilled.Leads.Count} lead grains ({onKilled.Leads.Sum(l => fromLog.GetValueOrDefault(l)?.Count ?? 0)} interactions), {onKilled.Cells.Count} cell grains");
            Assert.NotEmpty(onKilled.Leads);
            Assert.NotEmpty(onKilled.Cells);

            silos[1].Kill();
            var clock = Stopwatch.StartNew();
            output.WriteLine($"killed silo 2; logs: {silos[0].LogPath}, {api.LogPath}");
            silos.Add(Silo(1));
            silos[^1].Start();
            await silos[^1].WaitHealthyAsync(http, TimeSpan.FromSeconds(60));
            output.WriteLine($"silo 2 restarted and healthy {clock.Elapsed.TotalSeconds:0.0} s after the kill");

            // Cells first: a cell that lost its state asks its leads, which replay the log as they start.
            await AssertAsLogSaysAsync(grains, fromLog, cellOf, "after the kill", TimeSpan.FromSeconds(60));
            output.WriteLine($"every lead and cell as the log says {clock.Elapsed.TotalSeconds:0.0} s after the kill");

            // The client's retry of a batch after the recovery counts nothing twice.
            Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync(new Uri(api.BaseAddress, "/api/events"), batches[3])).StatusCode);
            await AssertAsLogSaysAsync(grains, fromLog, cellOf, "after a retry");
        }
        finally
        {
            if (client is not null)
            {
                await client.StopAsync();
                client.Dispose();
            }
            api.Dispose();
            silos.ForEach(s => s.Dispose());
        }
    }

    /// <summary>Each lead's unflagged rows in the log: what its counts and popularity, and its cell's demand, must say.</summary>
    private static async Task<Dictionary<string, List<(DomainKind Kind, DateTimeOffset At)>>> ReadLogAsync(string postgres, string p)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT lead_id, kind, occurred_at FROM interactions WHERE flags = 0 AND lead_id LIKE @p", connection);
        command.Parameters.AddWithValue("p", $"{p}-%");
        var rows = new Dictionary<string, List<(DomainKind, DateTimeOffset)>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var lead = reader.GetString(0);
            if (!rows.TryGetValue(lead, out var list))
            {
                rows[lead] = list = [];
            }
            list.Add(((DomainKind)reader.GetInt16(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }
        return rows;
    }

    private static double DecayedWeight(IEnumerable<(DomainKind Kind, DateTimeOffset At)> rows, DateTimeOffset at) =>
        rows.Sum(r => InteractionWeights.Of(r.Kind) * Decayed.Factor(at - r.At, FeatureOptions.Default.PopularityHalfLife));

    /// <summary>
    /// Every cell's demand and every lead's funnel counts and popularity equal what <paramref name="fromLog"/> says;
    /// calls that fail while the cluster notices a dead silo are retried until <paramref name="patience"/>.
    /// </summary>
    private async Task AssertAsLogSaysAsync(
        IClusterClient grains, Dictionary<string, List<(DomainKind Kind, DateTimeOffset At)>> fromLog,
        Dictionary<string, string> cellOf, string when, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(10));
        foreach (var cellId in cellOf.Values.Distinct())
        {
            var stats = await RetriedAsync(() => grains.GetGrain<IGeoCellGrain>(cellId).GetStatsAsync(), deadline);
            var expected = DecayedWeight(cellOf.Where(c => c.Value == cellId).SelectMany(c => fromLog.GetValueOrDefault(c.Key) ?? []), stats.AsOf);
            output.WriteLine($"{when}: cell {cellId} demand {stats.Demand:0.000000}, log {expected:0.000000}");
            Assert.Equal(expected, stats.Demand, 6);
            Assert.Equal(LeadsPerCell, stats.Supply);
        }
        foreach (var leadId in cellOf.Keys)
        {
            var lead = await RetriedAsync(() => grains.GetGrain<ILeadGrain>(leadId).GetAsync(), deadline);
            var rows = fromLog.GetValueOrDefault(leadId) ?? [];
            Assert.Equal(
                (rows.Count(r => r.Kind == DomainKind.View), rows.Count(r => r.Kind == DomainKind.Click), rows.Count(r => r.Kind == DomainKind.Inquiry)),
                (lead!.Views, lead.Clicks, lead.Inquiries));
            Assert.Equal(DecayedWeight(rows, lead.PopularityAsOf), lead.Popularity, 6);
        }
    }

    private static async Task<T> RetriedAsync<T>(Func<Task<T>> call, DateTime deadline)
    {
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (ex is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException
                && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task<IHost> StartClientAsync(string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddLeadRecsClient(TestEnvironment.RedisAddress, clusterId, "leadrecs");
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>The lead and cell grains of this test active on the silo at <paramref name="siloPort"/>.</summary>
    private static async Task<(List<string> Leads, List<string> Cells)> GrainsOnSiloAsync(IClusterClient grains, int siloPort, string p)
    {
        var stats = (await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics())
            .Where(s => s.SiloAddress.Endpoint.Port == siloPort)
            .ToArray();
        List<string> Keys(string type) => stats
            .Where(s => s.GrainType.Contains(type, StringComparison.Ordinal))
            .Select(s => s.GrainId.Key.ToString()!)
            .ToList();
        return (Keys(nameof(LeadGrain)).Where(k => k.StartsWith(p, StringComparison.Ordinal)).ToList(), Keys(nameof(GeoCellGrain)));
    }

    /// <summary>Views, clicks and inquiries in the stored states of this test's lead grains.</summary>
    private static async Task<long> StoredInteractionCountAsync(string postgres, string p)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT payloadbinary FROM orleansstorage WHERE grainidextensionstring LIKE @p AND payloadbinary IS NOT NULL", connection);
        command.Parameters.AddWithValue("p", $"{p}-l%");
        var total = 0L;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            using var state = JsonDocument.Parse((byte[])reader.GetValue(0));
            foreach (var count in new[] { "views", "clicks", "inquiries" })
            {
                total += state.RootElement.GetProperty(count).GetInt64();
            }
        }
        return total;
    }
}
