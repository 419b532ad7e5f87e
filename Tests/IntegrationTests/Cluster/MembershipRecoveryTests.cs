using System.Diagnostics;
using System.Net;
using LeadRecs.IntegrationTests.Processes;
using Xunit.Abstractions;

namespace LeadRecs.IntegrationTests.Cluster;

/// <summary>
/// The membership table vanishes from Redis (as after a restart without persistence, FLUSHALL or a failover to an empty
/// replica: here only this cluster's key is deleted, the test Redis is shared), with two silo processes running.
/// </summary>
public sealed class MembershipRecoveryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Silos_write_a_lost_membership_table_back_and_the_cluster_then_survives_losing_a_silo()
    {
        await using var cluster = await ProcessCluster.CreateAsync("membershiprecovery");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var ((silo1, port1), (silo2, port2)) = await cluster.StartTwoReadySilosAsync(http, StartTimeout);

        output.WriteLine($"silo logs: {silo1.LogPath}, {silo2.LogPath}");
        Assert.True(await cluster.Redis.KeyDeleteAsync(cluster.Table.Key));
        var restored = await cluster.Table.WaitAsync(
            (version, silos) => version is not null && BothActive(silos, port1, port2), TimeSpan.FromSeconds(30));
        output.WriteLine($"membership table deleted; both silos back in it, active, after {restored?.TotalSeconds:0.0} s");
        // Each silo checks once a second; the bound leaves room for a machine whose cores are shared and busy.
        Assert.True(restored < TimeSpan.FromSeconds(15), $"re-registered after {restored}");
        // Both are still active members, so both are ready (a silo's readiness follows its own check, once a second);
        // the rows are the silos' own, not new joins.
        await AssertReadyAsync(http, silo1);
        await AssertReadyAsync(http, silo2);
        Assert.Equal(2, (await cluster.Table.ReadAsync()).StatusByPort.Count);

        // An API that starts after the loss finds its gateways (before the fix: "Could not find any gateway").
        var api = cluster.StartApi();
        await api.WaitHealthyAsync(http, StartTimeout);
        var user = new Uri(api.BaseAddress, $"/api/users/{cluster.ClusterId}-u1/recommendations?k=5");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(user)).StatusCode);

        // The written-back table is a working one: a silo killed now is declared dead and the other serves.
        var clock = Stopwatch.StartNew();
        silo2.Kill();
        var declared = await cluster.Table.WaitAsync((_, silos) => silos.GetValueOrDefault(port2) == MembershipRows.Dead, TimeSpan.FromSeconds(20));
        output.WriteLine($"silo 2 killed; declared dead after {declared?.TotalSeconds:0.0} s");
        Assert.NotNull(declared);
        var served = await ServedAgainAsync(http, api, cluster.ClusterId, clock);
        output.WriteLine($"every request served again {served?.TotalSeconds:0.0} s after the kill");
        Assert.True(served < TimeSpan.FromSeconds(20), $"served again after {served}");

        // Readiness tells the truth on the API side too: without any silo it has no gateway and says so.
        silo1.Kill();
        var unready = await WaitStatusAsync(http, api, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(20));
        output.WriteLine($"last silo killed; API /health 503 after {unready?.TotalSeconds:0.0} s");
        Assert.NotNull(unready);
    }

    [Fact]
    public async Task Silos_re_register_when_their_Redis_restarts_empty_and_stay_ready_while_it_is_down()
    {
        // No persistence: started again, it is empty, as after a flush or a lost volume.
        await using var redis = await PrivateRedis.StartAsync(appendOnly: false);
        await using var cluster = await ProcessCluster.CreateAsync("membershiprestart", redis.Address);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var ((silo1, port1), (silo2, port2)) = await cluster.StartTwoReadySilosAsync(http, StartTimeout);
        output.WriteLine($"silo logs: {silo1.LogPath}, {silo2.LogPath}");

        // Down for a while: membership cannot change meanwhile, so both silos are still members and still ready.
        redis.Kill();
        await Task.Delay(TimeSpan.FromSeconds(5));
        await AssertReadyAsync(http, silo1);
        await AssertReadyAsync(http, silo2);

        await redis.RestartAsync();
        var restored = await cluster.Table.WaitAsync(
            (version, silos) => version is not null && BothActive(silos, port1, port2), TimeSpan.FromSeconds(30));
        output.WriteLine($"redis back empty; both silos back in the table, active, after {restored?.TotalSeconds:0.0} s");
        Assert.True(restored < TimeSpan.FromSeconds(15), $"re-registered after {restored}");
        var api = cluster.StartApi();
        await api.WaitHealthyAsync(http, StartTimeout);
        var user = new Uri(api.BaseAddress, $"/api/users/{cluster.ClusterId}-u1/recommendations?k=5");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(user)).StatusCode);
    }

    [Fact]
    public async Task A_silo_whose_own_entry_vanished_is_not_ready_and_stops_itself()
    {
        await using var cluster = await ProcessCluster.CreateAsync("membershiprecovery");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var (silo, port) = cluster.StartSilo();
        await silo.WaitHealthyAsync(http, StartTimeout);
        Assert.NotNull(await cluster.Table.WaitAsync((_, silos) => silos.GetValueOrDefault(port) == MembershipRows.Active, TimeSpan.FromSeconds(5)));

        // Only its row goes (the table stays): not a store loss, so nothing may be written back, and the silo is no member.
        foreach (var row in await cluster.Redis.HashKeysAsync(cluster.Table.Key))
        {
            if (row != "Version")
            {
                await cluster.Redis.HashDeleteAsync(cluster.Table.Key, row);
            }
        }
        var unready = await WaitStatusAsync(http, silo, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(5));
        output.WriteLine($"own row deleted; silo /health 503 after {unready?.TotalSeconds:0.0} s");
        Assert.NotNull(unready);
        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(40));
        output.WriteLine($"silo exited with {exitCode}");
        Assert.NotNull(exitCode);
        Assert.NotEqual(0, exitCode);
    }

    private static async Task AssertReadyAsync(HttpClient http, ServiceProcess process)
    {
        var ready = await WaitStatusAsync(http, process, HttpStatusCode.OK, TimeSpan.FromSeconds(3));
        var response = await http.GetAsync(new Uri(process.BaseAddress, "/health"));
        Assert.True(ready is not null, $"not ready within 3 s: {response.StatusCode} {await response.Content.ReadAsStringAsync()}; log {process.LogPath}");
    }

    private static bool BothActive(IReadOnlyDictionary<int, int> silos, int port1, int port2) =>
        silos.GetValueOrDefault(port1) == MembershipRows.Active && silos.GetValueOrDefault(port2) == MembershipRows.Active;

    /// <summary>Requests users (new ones each time, so some land on the dead silo's share) until five in a row succeed.</summary>
    private static async Task<TimeSpan?> ServedAgainAsync(HttpClient http, ServiceProcess api, string prefix, Stopwatch clock)
    {
        var streak = 0;
        for (var i = 0; clock.Elapsed < TimeSpan.FromSeconds(30); i++)
        {
            try
            {
                var response = await http.GetAsync(new Uri(api.BaseAddress, $"/api/users/{prefix}-k{i}/recommendations?k=5"));
                streak = response.IsSuccessStatusCode ? streak + 1 : 0;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                streak = 0;
            }
            if (streak == 5)
            {
                return clock.Elapsed;
            }
            await Task.Delay(100);
        }
        return null;
    }

    private static async Task<TimeSpan?> WaitStatusAsync(HttpClient http, ServiceProcess process, HttpStatusCode status, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                if ((await http.GetAsync(new Uri(process.BaseAddress, "/health"))).StatusCode == status)
                {
                    return clock.Elapsed;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        return null;
    }
}
