using LeadRecs.IntegrationTests.Processes;
using StackExchange.Redis;

namespace LeadRecs.IntegrationTests.Cluster;

/// <summary>
/// Silos and APIs as separate processes of a cluster of their own (private cluster id and database) on the shared
/// test Redis: a test may delete this cluster's membership table or freeze its processes without touching others.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private readonly List<ServiceProcess> _processes = [];
    private readonly ConnectionMultiplexer _redis;

    private ProcessCluster(string postgres, string redisAddress, ConnectionMultiplexer redis)
    {
        _redis = redis;
        Environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = redisAddress,
            ["ConnectionStrings__Postgres"] = postgres,
            ["LeadRecs__Cluster__ClusterId"] = ClusterId,
            ["LeadRecs__Cluster__ServiceId"] = ServiceId,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        Table = new MembershipRows(redis.GetDatabase(), ServiceId, ClusterId);
    }

    public string ClusterId { get; } = $"membership-{Guid.NewGuid():N}"[..28];

    public string ServiceId => "leadrecs";

    public IReadOnlyDictionary<string, string> Environment { get; }

    public MembershipRows Table { get; }

    public IDatabase Redis => _redis.GetDatabase();

    /// <param name="redisAddress">The shared test Redis unless given (a test's own, see <see cref="PrivateRedis"/>).</param>
    public static async Task<ProcessCluster> CreateAsync(string name, string? redisAddress = null)
    {
        redisAddress ??= TestEnvironment.RedisAddress;
        // A test's own Redis may be down for a while: reads then fail at once, and the connection comes back with it.
        var options = ConfigurationOptions.Parse(redisAddress);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new LinearRetry(500);
        var redis = await ConnectionMultiplexer.ConnectAsync(options);
        return new(await PostgresDatabase.CreateMigratedAsync(name), redisAddress, redis);
    }

    /// <summary>Starts a silo process; its silo port identifies its row in <see cref="Table"/>.</summary>
    public (ServiceProcess Process, int SiloPort) StartSilo()
    {
        var siloPort = ServiceProcess.FreePort();
        var silo = ServiceProcess.Create("Silo", "LeadRecs.Silo.dll", new Dictionary<string, string>(Environment)
        {
            ["LeadRecs__Cluster__SiloPort"] = siloPort.ToString(),
            ["LeadRecs__Cluster__GatewayPort"] = ServiceProcess.FreePort().ToString(),
        });
        _processes.Add(silo);
        silo.Start();
        return (silo, siloPort);
    }

    /// <summary>Starts two silos and waits until both are ready.</summary>
    public async Task<((ServiceProcess Process, int SiloPort) First, (ServiceProcess Process, int SiloPort) Second)> StartTwoReadySilosAsync(
        HttpClient http, TimeSpan timeout)
    {
        var first = StartSilo();
        var second = StartSilo();
        await first.Process.WaitHealthyAsync(http, timeout);
        await second.Process.WaitHealthyAsync(http, timeout);
        return (first, second);
    }

    public ServiceProcess StartApi()
    {
        var api = ServiceProcess.Create("Client.Api", "LeadRecs.Client.Api.dll", Environment);
        _processes.Add(api);
        api.Start();
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }
        if (_redis.IsConnected)
        {
            await Redis.KeyDeleteAsync(Table.Key);
        }
        await _redis.DisposeAsync();
    }
}
