using LeadRecs.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadRecs.IntegrationTests.Faults;

/// <summary>What the cluster's membership says of each silo, by silo port, read through an Orleans client of its own.</summary>
internal static class MembershipProbe
{
    public static async Task<IReadOnlyList<(int Port, SiloStatus Status)>> StatusesAsync(string redis, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddLeadRecsClient(redis, clusterId, "leadrecs");
        using var client = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await client.StartAsync(timeout.Token);
        var hosts = await client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false);
        await client.StopAsync(CancellationToken.None);
        // A port may appear more than once: a silo restarted on it is a new generation, its predecessor stays Dead.
        return hosts.Select(h => (h.Key.Endpoint.Port, h.Value)).OrderBy(h => h.Port).ToList();
    }
}
