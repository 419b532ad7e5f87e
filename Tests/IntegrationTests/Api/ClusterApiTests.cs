using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadRecs.Client.Api.Hosting;
using LeadRecs.Grains;
using LeadRecs.IntegrationTests.Cluster;
using LeadRecs.IntegrationTests.Processes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LeadRecs.IntegrationTests.Api;

/// <summary>The API as an Orleans client of the 2-silo Redis cluster, the interaction log in PostgreSQL.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class ClusterClientApiTests(RedisClusterFixture cluster) : ClusterApiTests(cluster, hostSilo: false);

/// <summary>
/// The API as a silo of the cluster itself (<see cref="BackendHostingExtensions.HostSiloKey"/>): a third silo beside
/// the fixture's two, in a cluster of its own so that the 2-silo tests keep theirs. The same tests as the client, and
/// that it really is a member that hosts grains.
/// </summary>
[Collection(CoHostedClusterCollection.Name)]
public sealed class CoHostedApiTests(CoHostedClusterFixture cluster) : ClusterApiTests(cluster, hostSilo: true)
{
    [Fact]
    public async Task The_api_joins_the_cluster_as_a_silo_and_hosts_user_grains()
    {
        var http = await ReadyClientAsync();
        var management = Cluster.Grains.GetGrain<IManagementGrain>(0);
        var ownPort = int.Parse(Factory.Services.GetRequiredService<IConfiguration>()["LeadRecs:Cluster:SiloPort"]!);
        // Membership spreads by gossip and table reads: the fixture's silos may see the newcomer a moment later.
        var hosts = await management.GetHosts(onlyActive: true);
        for (var waited = 0; hosts.Count != 3 && waited < 100; waited++)
        {
            await Task.Delay(100);
            hosts = await management.GetHosts(onlyActive: true);
        }
        Assert.Equal(3, hosts.Count);
        Assert.Contains(hosts.Keys, silo => silo.Endpoint.Port == ownPort);

        // Random placement over three silos: of 30 users asked for, some are activated in the API's own process. (What
        // they are recommended is the shared tests' business: new users get trending leads, which fill on a timer.)
        var p = Guid.NewGuid().ToString("N")[..8];
        for (var u = 0; u < 30; u++)
        {
            var recs = await http.GetFromJsonAsync<JsonElement>($"/api/users/{p}-u{u}/recommendations?k=3");
            Assert.Equal($"{p}-u{u}", recs.GetProperty("userId").GetString());
        }
        var stats = await management.GetSimpleGrainStatistics();
        var ownUsers = stats.Where(s => s.GrainType.Contains(nameof(UserGrain)) && s.SiloAddress.Endpoint.Port == ownPort)
            .Sum(s => s.ActivationCount);
        Assert.True(ownUsers > 0, "the API's own silo should host some of the user grains");
    }
}

public abstract class ClusterApiTests(RedisClusterFixture cluster, bool hostSilo) : IDisposable
{
    private readonly ClusterApiFactory _factory = new(cluster, hostSilo);

    protected RedisClusterFixture Cluster => cluster;

    protected WebApplicationFactory<Program> Factory => _factory;

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed class ClusterApiFactory(RedisClusterFixture cluster, bool hostSilo) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:Redis", TestEnvironment.RedisAddress);
            builder.UseSetting("ConnectionStrings:Postgres", cluster.Postgres);
            builder.UseSetting("LeadRecs:Cluster:ClusterId", cluster.ClusterId);
            builder.UseSetting("LeadRecs:Cluster:ServiceId", cluster.ServiceId);
            if (hostSilo)
            {
                builder.UseSetting(BackendHostingExtensions.HostSiloKey, "true");
                builder.UseSetting("LeadRecs:Cluster:SiloPort", ServiceProcess.FreePort().ToString());
                builder.UseSetting("LeadRecs:Cluster:GatewayPort", ServiceProcess.FreePort().ToString());
            }
        }
    }

    /// <summary>
    /// A client once /health says ready, as a load balancer would wait: a silo is ready only after its membership guard
    /// has read the table once (about a second after start), and a client once it has a gateway.
    /// </summary>
    protected async Task<HttpClient> ReadyClientAsync()
    {
        var http = Factory.CreateClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        HttpResponseMessage health;
        while ((health = await http.GetAsync("/health")).StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        return http;
    }

    private async Task<long> StoredEventsAsync(string userId)
    {
        await using var connection = new NpgsqlConnection(cluster.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM interactions WHERE user_id = @u", connection);
        command.Parameters.AddWithValue("u", userId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Accepted_events_are_in_PostgreSQL_once_and_drive_recommendations()
    {
        var http = await ReadyClientAsync();
        var p = Guid.NewGuid().ToString("N")[..8];
        var leads = Enumerable.Range(0, 12).Select(i => new
        {
            id = $"{p}-l{i}", lat = 10.0 + i * 0.001, lon = 10.0, price = 300_000 + i * 1_000, kind = "townhouse", bedrooms = 3,
        });
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/leads", leads)).StatusCode);

        // About two minutes apart at irregular gaps, as a person browses: forty events at one instant (or on a timer)
        // would be set aside by the fraud filter.
        var start = DateTimeOffset.UtcNow.AddMinutes(-90);
        var events = Enumerable.Range(0, 40).Select(i => new
        {
            userId = $"{p}-u", leadId = $"{p}-l{i % 6}", kind = i % 5 == 0 ? "click" : "view", eventId = $"{p}-e{i}",
            at = start.AddSeconds(i * 131 + i * i * 53 % 97),
        }).ToArray();
        var response = await http.PostAsJsonAsync("/api/events", events);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(40, await StoredEventsAsync($"{p}-u"));

        // The same batch again (a client retry) is acknowledged but stored and counted once.
        var retry = await http.PostAsJsonAsync("/api/events", events);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(40, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicates").GetInt32());
        Assert.Equal(40, await StoredEventsAsync($"{p}-u"));
        var user = await http.GetFromJsonAsync<JsonElement>($"/api/users/{p}-u");
        Assert.Equal(40, user.GetProperty("interactionCount").GetInt64());

        var recs = await http.GetFromJsonAsync<JsonElement>($"/api/users/{p}-u/recommendations?k=5");
        var items = recs.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("leadId").GetString()!).ToList();
        Assert.Equal(5, items.Count);
        Assert.All(items, id => Assert.StartsWith(p, id));
    }

    [Fact]
    public async Task A_refused_batch_stores_nothing()
    {
        var http = Factory.CreateClient();
        var p = Guid.NewGuid().ToString("N")[..8];
        var response = await http.PostAsJsonAsync("/api/events", new[] { new { userId = $"{p}-u", leadId = $"{p}-unknown", kind = "view" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await StoredEventsAsync($"{p}-u"));
    }

    [Fact]
    public async Task A_bots_events_are_stored_with_their_flags_and_left_out_of_popularity()
    {
        var http = Factory.CreateClient();
        var p = Guid.NewGuid().ToString("N")[..8];
        var leads = Enumerable.Range(0, 3).Select(i => new { id = $"{p}-l{i}", lat = 11.0 + i * 0.001, lon = 11.0, price = 250_000, kind = "condo" });
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/leads", leads)).StatusCode);

        // Forty views about 1.5 s apart in two requests: the second gives the bot away, and the first request's
        // events (already stored clean) are flagged after the fact.
        var start = DateTimeOffset.UtcNow.AddMinutes(-20);
        object[] Burst(int from) => Enumerable.Range(from, 20).Select(i => (object)new
        {
            userId = $"{p}-bot", leadId = $"{p}-l{i % 3}", kind = "view", eventId = $"{p}-e{i}", at = start.AddSeconds(i * 1.5 + i * 7 % 5 * 0.3),
        }).ToArray();
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/events", Burst(0))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/events", Burst(20))).StatusCode);

        await using var connection = new NpgsqlConnection(cluster.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT flags, count(*) FROM interactions WHERE user_id = @u GROUP BY flags", connection);
        command.Parameters.AddWithValue("u", $"{p}-bot");
        var byFlags = new Dictionary<short, long>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                byFlags[reader.GetInt16(0)] = reader.GetInt64(1);
            }
        }
        Assert.Equal(new Dictionary<short, long> { [(short)Ranking.Domain.InteractionFlags.Burst] = 40 }, byFlags);

        var views = 0L;
        for (var i = 0; i < 3; i++)
        {
            views += (await http.GetFromJsonAsync<JsonElement>($"/api/leads/{p}-l{i}")).GetProperty("views").GetInt64();
        }
        Assert.Equal(0, views);
    }
}
