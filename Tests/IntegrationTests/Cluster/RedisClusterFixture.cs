using System.Net;
using System.Net.Sockets;
using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadRecs.IntegrationTests.Cluster;

/// <summary>
/// Two silos configured exactly as the Silo host configures itself (<see cref="SiloHostExtensions.AddLeadRecsSilo"/>):
/// membership in the real Redis, grain state and reminders in the real PostgreSQL. The client is the client SDK
/// (<see cref="LeadRecsClientExtensions.AddLeadRecsClient"/>), which finds the gateways through Redis.
/// </summary>
public class RedisClusterFixture : IAsyncLifetime
{
    private readonly List<(int SiloPort, int GatewayPort)> _ports = [];

    public List<IHost> Silos { get; } = [];

    public IHost Client { get; private set; } = null!;

    public string Postgres { get; private set; } = "";

    public string ClusterId { get; } = $"test-{Guid.NewGuid():N}"[..20];

    public string ServiceId { get; } = $"svc-{Guid.NewGuid():N}"[..20];

    public IGrainFactory Grains => Client.Services.GetRequiredService<IClusterClient>();

    /// <summary>Configuration a derived fixture adds to every silo's.</summary>
    protected virtual IReadOnlyDictionary<string, string?> SiloSettings { get; } = new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Postgres = await PostgresDatabase.CreateMigratedAsync("cluster");
        for (var i = 0; i < 2; i++)
        {
            _ports.Add((FreePort(), FreePort()));
            Silos.Add(await StartSiloAsync(i));
        }
        var client = Host.CreateApplicationBuilder();
        client.Logging.SetMinimumLevel(LogLevel.Warning);
        client.AddLeadRecsClient(TestEnvironment.RedisAddress, ClusterId, ServiceId);
        Client = client.Build();
        await Client.StartAsync();
    }

    /// <summary>Stops silo <paramref name="index"/> gracefully (its grains deactivate and flush) and starts it again.</summary>
    public async Task RestartSiloAsync(int index)
    {
        await Silos[index].StopAsync();
        Silos[index].Dispose();
        Silos[index] = await StartSiloAsync(index);
    }

    public async Task DisposeAsync()
    {
        await Client.StopAsync();
        Client.Dispose();
        foreach (var silo in Silos)
        {
            await silo.StopAsync();
            silo.Dispose();
        }
    }

    private async Task<IHost> StartSiloAsync(int index)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = TestEnvironment.RedisAddress,
            ["ConnectionStrings:Postgres"] = Postgres,
            ["LeadRecs:Cluster:ClusterId"] = ClusterId,
            ["LeadRecs:Cluster:ServiceId"] = ServiceId,
            ["LeadRecs:Cluster:SiloPort"] = _ports[index].SiloPort.ToString(),
            ["LeadRecs:Cluster:GatewayPort"] = _ports[index].GatewayPort.ToString(),
            ["LeadRecs:Grains:ReportInterval"] = "00:00:00.200",
        });
        builder.Configuration.AddInMemoryCollection(SiloSettings);
        builder.AddLeadRecsSilo();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class RedisClusterCollection : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "redis cluster";
}

/// <summary>A cluster of its own for the tests that add the API as a third silo.</summary>
public sealed class CoHostedClusterFixture : RedisClusterFixture;

[CollectionDefinition(Name)]
public sealed class CoHostedClusterCollection : ICollectionFixture<CoHostedClusterFixture>
{
    public const string Name = "redis cluster with a co-hosted api";
}
