using System.Diagnostics;
using LeadRecs.Client.Api.Hosting;
using LeadRecs.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace LeadRecs.IntegrationTests.Cluster;

/// <summary>
/// A silo process frozen with SIGSTOP (as by a long GC pause or a stuck VM): its TCP connections stay open, so unlike
/// a killed one nothing refuses a connection; only the probes can tell.
/// </summary>
public sealed class FrozenSiloTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_frozen_silo_is_declared_dead_within_seconds_clients_leave_it_and_thawed_it_exits_non_zero()
    {
        await using var cluster = await ProcessCluster.CreateAsync("frozensilo");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var (silo1, _) = cluster.StartSilo();
        var (silo2, port2) = cluster.StartSilo();
        await silo1.WaitHealthyAsync(http, TimeSpan.FromSeconds(60));
        await silo2.WaitHealthyAsync(http, TimeSpan.FromSeconds(60));
        output.WriteLine($"silo logs: {silo1.LogPath}, {silo2.LogPath}");

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddLeadRecsClient(TestEnvironment.RedisAddress, cluster.ClusterId, cluster.ServiceId);
        builder.Services.AddSingleton<ClientGatewayReadiness>();
        builder.Services.AddSingleton<IClusterConnectionStatusObserver>(sp => sp.GetRequiredService<ClientGatewayReadiness>());
        using var client = builder.Build();
        await client.StartAsync();
        var grains = client.Services.GetRequiredService<IClusterClient>();
        var gateways = client.Services.GetRequiredService<ClientGatewayReadiness>();
        await WaitAsync(() => gateways.Gateways == 2, TimeSpan.FromSeconds(10));
        for (var i = 0; i < 20; i++)
        {
            await grains.GetGrain<IUserGrain>($"{cluster.ClusterId}-warm{i}").GetSummaryAsync();
        }

        var clock = Stopwatch.StartNew();
        silo2.Freeze();
        var declared = await cluster.Table.WaitAsync((_, silos) => silos.GetValueOrDefault(port2) == MembershipRows.Dead, TimeSpan.FromSeconds(30));
        output.WriteLine($"silo 2 frozen; declared dead after {declared?.TotalSeconds:0.0} s");
        // About 2 missed probes of at most 2 s each, then one vote (a 2-silo cluster needs one): 5-6.5 s measured here.
        // Orleans' defaults took 15-20 s (the connection liveness check waited 2 x 8 s).
        Assert.True(declared < TimeSpan.FromSeconds(10), $"declared dead after {declared}");

        // The client drops the frozen gateway at its next gateway-list read, and calls go to the live silo.
        var dropped = await WaitAsync(() => gateways.Gateways == 1, TimeSpan.FromSeconds(10));
        output.WriteLine($"client down to one gateway {dropped?.TotalSeconds:0.0} s after the declaration");
        Assert.NotNull(dropped);
        var served = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            await grains.GetGrain<IUserGrain>($"{cluster.ClusterId}-warm{i}").GetSummaryAsync();
        }
        output.WriteLine($"20 users that lived on both silos served in {served.Elapsed.TotalSeconds:0.00} s");
        Assert.True(served.Elapsed < TimeSpan.FromSeconds(5), $"took {served.Elapsed}");

        // Thawed, it learns it was declared dead and ends itself through Orleans' "I am dead" path: non-zero, so a
        // supervisor (the kubelet, scripts/cluster.sh) starts a fresh one.
        silo2.Thaw();
        var exitCode = await silo2.WaitForExitAsync(TimeSpan.FromSeconds(30));
        output.WriteLine($"thawed silo 2 exited with {exitCode}");
        Assert.NotNull(exitCode);
        Assert.NotEqual(0, exitCode);
        await client.StopAsync();
    }

    private static async Task<TimeSpan?> WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition())
            {
                return clock.Elapsed;
            }
            await Task.Delay(50);
        }
        return null;
    }
}
