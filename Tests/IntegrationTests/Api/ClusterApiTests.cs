using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadRecs.IntegrationTests.Cluster;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace LeadRecs.IntegrationTests.Api;

/// <summary>The API in cluster mode: an Orleans client of the 2-silo Redis cluster, the interaction log in PostgreSQL.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class ClusterApiTests(RedisClusterFixture cluster) : IDisposable
{
    private readonly ClusterApiFactory _factory = new(cluster);

    public void Dispose() => _factory.Dispose();

    private sealed class ClusterApiFactory(RedisClusterFixture cluster) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:Redis", TestEnvironment.RedisAddress);
            builder.UseSetting("ConnectionStrings:Postgres", cluster.Postgres);
            builder.UseSetting("LeadRecs:Cluster:ClusterId", cluster.ClusterId);
            builder.UseSetting("LeadRecs:Cluster:ServiceId", cluster.ServiceId);
        }
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
        var http = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
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
        var http = _factory.CreateClient();
        var p = Guid.NewGuid().ToString("N")[..8];
        var response = await http.PostAsJsonAsync("/api/events", new[] { new { userId = $"{p}-u", leadId = $"{p}-unknown", kind = "view" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await StoredEventsAsync($"{p}-u"));
    }

    [Fact]
    public async Task A_bots_events_are_stored_with_their_flags_and_left_out_of_popularity()
    {
        var http = _factory.CreateClient();
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
