using System.Net;
using System.Net.Http.Json;
using System.Text;
using LeadRecs.IntegrationTests.Processes;

namespace LeadRecs.IntegrationTests.Faults;

/// <summary>
/// A whole deployment of one fault test's own, on loopback: a private Redis and PostgreSQL, two silo processes and two
/// API processes (as scripts/cluster.sh and Kubernetes run them), and 300 seeded leads. A silo or API can be
/// replaced by a new process on the same ports, as a supervisor restarts a crashed pod.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    public const int Leads = 300;

    private readonly Dictionary<string, string> _environment;
    private readonly (int Silo, int Gateway)[] _siloPorts = [(ServiceProcess.FreePort(), ServiceProcess.FreePort()), (ServiceProcess.FreePort(), ServiceProcess.FreePort())];
    private readonly List<ServiceProcess> _retired = [];

    private ChaosCluster(PrivateRedis redis, PrivatePostgres postgres)
    {
        Redis = redis;
        Postgres = postgres;
        _environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = redis.Address,
            ["ConnectionStrings__Postgres"] = postgres.ConnectionString,
            ["LeadRecs__Cluster__ClusterId"] = $"faults-{Guid.NewGuid():N}"[..20],
            ["LeadRecs__Cluster__ServiceId"] = "leadrecs",
            ["Logging__LogLevel__Default"] = "Warning",
            // Six workers on 200 users send events at a pace the bot filter rightly sets aside; these tests are about
            // durability and availability, so it is off (as in the failover test).
            ["LeadRecs__Fraud__Enabled"] = "false",
        };
        Silos = [NewSilo(0), NewSilo(1)];
        Apis = [NewApi(), NewApi()];
    }

    public PrivateRedis Redis { get; }

    public string ClusterId => _environment["LeadRecs__Cluster__ClusterId"];

    /// <summary>The silo-to-silo port of silo <paramref name="index"/>, as membership lists it.</summary>
    public int SiloPort(int index) => _siloPorts[index].Silo;

    public PrivatePostgres Postgres { get; }

    public ServiceProcess[] Silos { get; }

    /// <summary>The current API processes; the load reads this array at every request, so a replaced API takes traffic.</summary>
    public ServiceProcess[] Apis { get; }

    /// <summary>The prefix of this run's user, lead and event ids.</summary>
    public string Prefix { get; } = Guid.NewGuid().ToString("N")[..6];

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<ChaosCluster> StartAsync()
    {
        var redis = await PrivateRedis.StartAsync();
        PrivatePostgres postgres;
        try
        {
            postgres = await PrivatePostgres.StartMigratedAsync();
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
        var cluster = new ChaosCluster(redis, postgres);
        try
        {
            foreach (var silo in cluster.Silos)
            {
                silo.Start();
            }
            foreach (var silo in cluster.Silos)
            {
                await silo.WaitHealthyAsync(cluster.Http, TimeSpan.FromSeconds(60));
            }
            foreach (var api in cluster.Apis)
            {
                api.Start();
            }
            foreach (var api in cluster.Apis)
            {
                await api.WaitHealthyAsync(cluster.Http, TimeSpan.FromSeconds(60));
            }
            await cluster.SeedLeadsAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new process for silo <paramref name="index"/> on its ports (the old one must be gone), started and healthy.</summary>
    public async Task RestartSiloAsync(int index)
    {
        Assert.True(Silos[index].HasExited, "a silo is restarted only after its process ended");
        _retired.Add(Silos[index]);
        Silos[index] = NewSilo(index);
        Silos[index].Start();
        await Silos[index].WaitHealthyAsync(Http, TimeSpan.FromSeconds(60));
    }

    /// <summary>A new process for API <paramref name="index"/>, started and healthy.</summary>
    public async Task RestartApiAsync(int index)
    {
        Assert.True(Apis[index].HasExited, "an API is restarted only after its process ended");
        var api = NewApi();
        api.Start();
        await api.WaitHealthyAsync(Http, TimeSpan.FromSeconds(60));
        _retired.Add(Apis[index]);
        Apis[index] = api;
    }

    /// <summary>The tail of every process's log and of the servers', for the message of a failed assertion.</summary>
    public string LogTails(int lines = 25)
    {
        var text = new StringBuilder();
        foreach (var (name, process) in _retired.Select(p => ("retired", p))
                     .Concat(Silos.Select((p, i) => ($"silo {i + 1}", p)))
                     .Concat(Apis.Select((p, i) => ($"api {i + 1}", p))))
        {
            text.AppendLine($"--- {name} (exited: {process.HasExited}, code {process.ExitCode?.ToString() ?? "-"}) {process.LogPath}")
                .AppendLine(process.LogTail(lines));
        }
        text.AppendLine("--- redis").AppendLine(Redis.Tail(10)).AppendLine("--- postgres").AppendLine(Postgres.Tail(10));
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Apis.Concat(Silos).Concat(_retired))
        {
            process.Dispose();
        }
        Http.Dispose();
        await Postgres.DisposeAsync();
        await Redis.DisposeAsync();
    }

    private ServiceProcess NewSilo(int index) => ServiceProcess.Create("Silo", "LeadRecs.Silo.dll", new Dictionary<string, string>(_environment)
    {
        ["LeadRecs__Cluster__SiloPort"] = _siloPorts[index].Silo.ToString(),
        ["LeadRecs__Cluster__GatewayPort"] = _siloPorts[index].Gateway.ToString(),
    });

    private ServiceProcess NewApi() => ServiceProcess.Create("Client.Api", "LeadRecs.Client.Api.dll", _environment);

    private async Task SeedLeadsAsync()
    {
        var random = new Random(11);
        var leads = Enumerable.Range(0, Leads).Select(i => new
        {
            id = $"{Prefix}-l{i}", lat = -33.9 + random.NextDouble() * 0.2, lon = 18.4 + random.NextDouble() * 0.2,
            price = 200_000 + random.Next(0, 800_000), kind = i % 3 == 0 ? "condo" : "house", bedrooms = 1 + i % 4,
        }).ToArray();
        var response = await Http.PostAsJsonAsync(new Uri(Apis[0].BaseAddress, "/api/leads"), leads);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
