using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LeadRecs.UnitTests.Api;

/// <summary>What `dotnet run --project Client.Api` gives a newcomer: a seeded demo market that recommends at once.</summary>
public sealed class EmbeddedDefaultTests : IClassFixture<EmbeddedDefaultTests.DefaultFactory>
{
    private readonly HttpClient _http;

    public EmbeddedDefaultTests(DefaultFactory factory) => _http = factory.CreateClient();

    /// <summary>The default configuration (demo market on, default sizes), on private ports.</summary>
    public sealed class DefaultFactory : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting("LeadRecs:Embedded:SiloPort", FreePorts.Next().ToString());
            builder.UseSetting("LeadRecs:Embedded:GatewayPort", FreePorts.Next().ToString());
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var response = await _http.GetAsync("/health");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, "the embedded service did not become healthy within 90 s: "
                + await response.Content.ReadAsStringAsync());
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task Demo_users_get_k_distinct_active_leads()
    {
        await WaitUntilHealthyAsync();
        foreach (var user in new[] { "user-1", "user-2", "user-77" })
        {
            var recs = await _http.GetFromJsonAsync<JsonElement>($"/api/users/{user}/recommendations?k=10");
            var ids = recs.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("leadId").GetString()!).ToList();
            Assert.Equal(10, ids.Count);
            Assert.Equal(10, ids.Distinct().Count());
            foreach (var id in ids)
            {
                var lead = await _http.GetFromJsonAsync<JsonElement>($"/api/leads/{id}");
                Assert.Equal("Active", lead.GetProperty("lead").GetProperty("status").ToString(), ignoreCase: true);
            }
        }
    }

    [Fact]
    public async Task Demo_users_are_served_by_the_trained_model_once_it_is_ready()
    {
        await WaitUntilHealthyAsync();
        // The baseline serves while the first model trains in the background (seconds); then the model.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        JsonElement model;
        while (true)
        {
            var recs = await _http.GetFromJsonAsync<JsonElement>("/api/users/user-3/recommendations?k=10");
            model = recs.GetProperty("model");
            if (model.GetProperty("name").GetString() != "baseline")
            {
                Assert.Equal(10, recs.GetProperty("items").GetArrayLength());
                Assert.False(recs.GetProperty("cached").GetBoolean());
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, "the demo still serves the baseline after 120 s");
            await Task.Delay(500);
        }
        Assert.Equal("deep-ranker", model.GetProperty("name").GetString());
        Assert.Matches("^[0-9]{14}$", model.GetProperty("version").GetString()!);
    }

    [Fact]
    public async Task Demo_market_shows_on_the_heatmap()
    {
        await WaitUntilHealthyAsync();
        var user = await _http.GetFromJsonAsync<JsonElement>("/api/users/user-1");
        var lat = user.GetProperty("centreLat").GetDouble();
        var lon = user.GetProperty("centreLon").GetDouble();
        var url = $"/api/geo/heatmap?minLat={lat - 0.3}&minLon={lon - 0.3}&maxLat={lat + 0.3}&maxLon={lon + 0.3}";
        // Cells report to their regions on a timer (LeadRecs:Grains:ReportInterval, 2 s), so the last cells the demo's
        // events touched may reach the heatmap a report later than /health turns healthy.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        List<JsonElement> cells;
        while (true)
        {
            var heatmap = await _http.GetFromJsonAsync<JsonElement>(url);
            cells = heatmap.GetProperty("cells").EnumerateArray().ToList();
            if ((cells.Any(c => c.GetProperty("demand").GetDouble() > 0) && cells.Any(c => c.GetProperty("supply").GetInt32() > 0))
                || DateTime.UtcNow > deadline)
            {
                break;
            }
            await Task.Delay(250);
        }
        Assert.NotEmpty(cells);
        Assert.Contains(cells, c => c.GetProperty("demand").GetDouble() > 0);
        Assert.Contains(cells, c => c.GetProperty("supply").GetInt32() > 0);
    }
}
