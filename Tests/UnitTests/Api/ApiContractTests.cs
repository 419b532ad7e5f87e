using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static LeadRecs.UnitTests.Api.ApiAssert;

namespace LeadRecs.UnitTests.Api;

[Collection(EmptyApiCollection.Name)]
public sealed class ApiContractTests(EmptyApiFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    private static int _spots;

    private static string Prefix() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>Each call gets a place of its own (tests share one service), so candidates never mix across tests.</summary>
    private static (double Lat, double Lon) PrivateSpot()
    {
        var n = Interlocked.Increment(ref _spots);
        return (-50 + n * 0.5, 100 + n * 0.7);
    }

    private async Task PostLeadsAsync(string prefix, double? lat = null, double? lon = null, int count = 5)
    {
        var spot = PrivateSpot();
        var (baseLat, baseLon) = (lat ?? spot.Lat, lon ?? spot.Lon);
        var leads = Enumerable.Range(0, count).Select(i => new
        {
            id = $"{prefix}-l{i}", lat = baseLat + i * 0.001, lon = baseLon, price = 450_000 + i * 10_000, kind = i % 2 == 0 ? "condo" : "house",
            bedrooms = 2, areaSqm = 80.5,
        });
        var response = await _http.PostAsJsonAsync("/api/leads", leads);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_and_liveness_answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/alive")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_endpoints()
    {
        var doc = await _http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/leads", paths);
        Assert.Contains("/api/events", paths);
        Assert.Contains("/api/users/{userId}/recommendations", paths);
        Assert.Contains("/api/geo/heatmap", paths);
        Assert.Contains("/api/market", paths);
    }

    [Fact]
    public async Task Leads_are_upserted_and_read_back()
    {
        var p = Prefix();
        await PostLeadsAsync(p);
        var lead = await _http.GetFromJsonAsync<JsonElement>($"/api/leads/{p}-l0");
        Assert.Equal($"{p}-l0", lead.GetProperty("lead").GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/leads/{p}-nope")).StatusCode);
    }

    [Theory]
    [InlineData("""[{"id":"X","lat":47.6,"lon":-122.3,"price":1,"kind":"castle"}]""", "[0].kind")]
    [InlineData("""[{"id":"X","lat":47.6,"lon":-122.3,"price":1,"kind":"7"}]""", "[0].kind")]
    [InlineData("""[{"id":"X","lat":91,"lon":-122.3,"price":1,"kind":"house"}]""", "[0].lat")]
    [InlineData("""[{"id":"X","lat":47.6,"lon":-181,"price":1,"kind":"house"}]""", "[0].lon")]
    [InlineData("""[{"id":"X","lat":47.6,"lon":-122.3,"price":-5,"kind":"house"}]""", "[0].price")]
    [InlineData("""[{"id":"X","lat":47.6,"lon":-122.3,"kind":"house"}]""", "[0].price")]
    [InlineData("""[{"id":"bad id!","lat":47.6,"lon":-122.3,"price":1,"kind":"house"}]""", "[0].id")]
    [InlineData("""[{"id":"X","lat":"47.6","lon":-122.3,"price":1,"kind":"house"}]""", "[0].lat")]
    [InlineData("""[{"id":"X","lat":47.6,"lon":-122.3,"price":1,"kind":"house","colour":"red"}]""", "[0].colour")]
    [InlineData("""[{"id":"X","lat":47.6,"lon":-122.3,"price":1,"kind":"house","status":"sold"}]""", "[0].status")]
    [InlineData("""[{"id":"X","lat":47.6,"lon":-122.3,"price":1,"kind":"house","listedAt":"2999-01-01T00:00:00Z"}]""", "[0].listedAt")]
    [InlineData("""[{"id":"X","lat":47.6,""", "[0]")]
    [InlineData("""{"id":"X"}""", "body")]
    [InlineData("""[]""", "body")]
    [InlineData("""null""", "body")]
    [InlineData("""[null]""", "[0]")]
    [InlineData("""[[[[[[[[[[[[1]]]]]]]]]]]]""", "[0]")]
    public async Task Bad_leads_get_a_problem_naming_the_field(string json, string field)
    {
        await ProblemNamesField(await _http.PostAsync("/api/leads", Json(json)), field);
    }

    [Fact]
    public async Task A_batch_with_one_bad_lead_applies_nothing()
    {
        var p = Prefix();
        var json = $$"""[{"id":"{{p}}-good","lat":47.6,"lon":-122.3,"price":500000,"kind":"house"},{"id":"{{p}}-bad","lat":95,"lon":-122.3,"price":500000,"kind":"house"}]""";
        await ProblemNamesField(await _http.PostAsync("/api/leads", Json(json)), "[1].lat");
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/leads/{p}-good")).StatusCode);
    }

    [Fact]
    public async Task Oversized_batches_are_refused()
    {
        var leads = Enumerable.Range(0, 1001).Select(i => new { id = $"x{i}", lat = 1.0, lon = 1.0, price = 1.0, kind = "house" });
        await ProblemNamesField(await _http.PostAsJsonAsync("/api/leads", leads), "body");
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/leads/x0")).StatusCode);
    }

    [Fact]
    public async Task Events_are_accepted_once_and_update_the_user()
    {
        var p = Prefix();
        await PostLeadsAsync(p);
        var events = new object[]
        {
            new { userId = $"{p}-u", leadId = $"{p}-l0", kind = "view", eventId = $"{p}-e1" },
            new { userId = $"{p}-u", leadId = $"{p}-l0", kind = "click", eventId = $"{p}-e2" },
            new { userId = $"{p}-u", leadId = $"{p}-l1", kind = "inquiry", eventId = $"{p}-e3" },
        };
        var first = await _http.PostAsJsonAsync("/api/events", events);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var body = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, body.GetProperty("accepted").GetInt32());
        Assert.Equal(0, body.GetProperty("duplicates").GetInt32());

        // A client retrying the same batch must not double-count it.
        var retry = await _http.PostAsJsonAsync("/api/events", events);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(3, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicates").GetInt32());

        var user = await _http.GetFromJsonAsync<JsonElement>($"/api/users/{p}-u");
        Assert.Equal(3, user.GetProperty("interactionCount").GetInt64());
        var lead = await _http.GetFromJsonAsync<JsonElement>($"/api/leads/{p}-l0");
        Assert.Equal(1, lead.GetProperty("views").GetInt64());
        Assert.Equal(1, lead.GetProperty("clicks").GetInt64());
    }

    [Fact]
    public async Task Events_for_unknown_leads_are_refused_and_change_nothing()
    {
        var p = Prefix();
        await PostLeadsAsync(p);
        var events = new object[]
        {
            new { userId = $"{p}-u", leadId = $"{p}-l0", kind = "view" },
            new { userId = $"{p}-u", leadId = $"{p}-missing", kind = "view" },
        };
        await ProblemNamesField(await _http.PostAsJsonAsync("/api/events", events), "[1].leadId");
        var user = await _http.GetFromJsonAsync<JsonElement>($"/api/users/{p}-u");
        Assert.Equal(0, user.GetProperty("interactionCount").GetInt64());
        Assert.Equal(0, (await _http.GetFromJsonAsync<JsonElement>($"/api/leads/{p}-l0")).GetProperty("views").GetInt64());
    }

    [Theory]
    [InlineData("""[{"userId":"u","leadId":"l","kind":"purchase"}]""", "[0].kind")]
    [InlineData("""[{"leadId":"l","kind":"view"}]""", "[0].userId")]
    [InlineData("""[{"userId":"u","kind":"view"}]""", "[0].leadId")]
    [InlineData("""[{"userId":"u","leadId":"l","kind":"view","at":"2999-01-01T00:00:00Z"}]""", "[0].at")]
    [InlineData("""[{"userId":"u","leadId":"l","kind":"view","at":"yesterday"}]""", "[0].at")]
    [InlineData("""[{"userId":"u","leadId":"l","kind":"view","eventId":""}]""", "[0].eventId")]
    [InlineData("""[]""", "body")]
    [InlineData("""not json""", "body")]
    public async Task Bad_events_get_a_problem_naming_the_field(string json, string field)
    {
        await ProblemNamesField(await _http.PostAsync("/api/events", Json(json)), field);
    }

    [Fact]
    public async Task Recommendations_have_the_contract_shape()
    {
        var p = Prefix();
        await PostLeadsAsync(p, count: 8);
        var response = await _http.PostAsJsonAsync("/api/events", new[] { new { userId = $"{p}-u", leadId = $"{p}-l0", kind = "click" } });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var recs = await _http.GetFromJsonAsync<JsonElement>($"/api/users/{p}-u/recommendations?k=3");
        Assert.Equal($"{p}-u", recs.GetProperty("userId").GetString());
        Assert.False(string.IsNullOrEmpty(recs.GetProperty("recommendationId").GetString()));
        Assert.Equal("baseline", recs.GetProperty("model").GetProperty("name").GetString());
        Assert.True(recs.GetProperty("model").TryGetProperty("version", out _));
        Assert.Equal("control", recs.GetProperty("model").GetProperty("variant").GetString());
        Assert.False(recs.GetProperty("cached").GetBoolean());
        Assert.True(recs.TryGetProperty("generatedAt", out _));
        var items = recs.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        Assert.Equal([1, 2, 3], items.Select(i => i.GetProperty("rank").GetInt32()));
        Assert.All(items, i => Assert.StartsWith(p, i.GetProperty("leadId").GetString()));

        var again = await _http.GetFromJsonAsync<JsonElement>($"/api/users/{p}-u/recommendations?k=3");
        Assert.True(again.GetProperty("cached").GetBoolean());
    }

    [Theory]
    [InlineData("k=0", "k")]
    [InlineData("k=101", "k")]
    [InlineData("k=abc", "k")]
    [InlineData("k=-1", "k")]
    public async Task Recommendation_k_out_of_range_is_refused(string query, string field)
    {
        await ProblemNamesField(await _http.GetAsync($"/api/users/someone/recommendations?{query}"), field);
    }

    [Fact]
    public async Task A_bad_user_id_is_refused()
    {
        await ProblemNamesField(await _http.GetAsync("/api/users/" + new string('u', 200) + "/recommendations"), "userId");
    }

    [Fact]
    public async Task Heatmap_shows_supply_and_aggregates_to_coarser_zooms()
    {
        var p = Prefix();
        await PostLeadsAsync(p, lat: -41.29, lon: 174.78); // Wellington, so no other test's leads are in view
        var fine = await _http.GetFromJsonAsync<JsonElement>("/api/geo/heatmap?minLat=-41.4&minLon=174.6&maxLat=-41.1&maxLon=174.9");
        var cells = fine.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(5, cells.Sum(c => c.GetProperty("supply").GetInt32()));
        Assert.All(cells, c => Assert.StartsWith("13/", c.GetProperty("cellId").GetString()));

        var coarse = await _http.GetFromJsonAsync<JsonElement>("/api/geo/heatmap?minLat=-41.4&minLon=174.6&maxLat=-41.1&maxLon=174.9&zoom=8");
        var coarseCell = Assert.Single(coarse.GetProperty("cells").EnumerateArray());
        Assert.StartsWith("8/", coarseCell.GetProperty("cellId").GetString());
        Assert.Equal(5, coarseCell.GetProperty("supply").GetInt32());
    }

    [Theory]
    [InlineData("minLon=1&maxLat=2&maxLon=2", "minLat")]
    [InlineData("minLat=-91&minLon=1&maxLat=2&maxLon=2", "minLat")]
    [InlineData("minLat=1&minLon=1&maxLat=2&maxLon=200", "maxLon")]
    [InlineData("minLat=3&minLon=1&maxLat=2&maxLon=2", "minLat")]
    [InlineData("minLat=1&minLon=1&maxLat=2&maxLon=2&zoom=20", "zoom")]
    [InlineData("minLat=-80&minLon=-170&maxLat=80&maxLon=170", "body")]
    public async Task Bad_heatmap_queries_are_refused(string query, string field)
    {
        await ProblemNamesField(await _http.GetAsync($"/api/geo/heatmap?{query}"), field);
    }

    [Fact]
    public async Task Market_data_is_accepted_by_cell_or_by_coordinate()
    {
        var json = """[{"cellId":"13/1312/2860","date":"2026-01-01","medianPrice":650000},{"lat":47.6,"lon":-122.3,"date":"2026-02-01","medianPrice":660000,"inventory":12}]""";
        var response = await _http.PostAsync("/api/market", Json(json));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Market_data_for_an_area_applies_to_every_cell_it_touches()
    {
        // About 4 x 4 km around Pike Place: a few zoom-13 cells, each gets the observation.
        var json = """[{"area":[[-122.37,47.59],[-122.31,47.59],[-122.31,47.63],[-122.37,47.63]],"date":"2026-03-01","medianPrice":720000}]""";
        var response = await _http.PostAsync("/api/market", Json(json));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32();
        Assert.InRange(accepted, 2, 16);
    }

    [Theory]
    [InlineData("""[{"cellId":"13/1312/2860","medianPrice":1}]""", "[0].date")]
    [InlineData("""[{"cellId":"13/1312/2860","lat":1,"lon":1,"date":"2026-01-01","medianPrice":1}]""", "[0]")]
    [InlineData("""[{"area":[[0,0],[1,1],[1,0],[0,1]],"date":"2026-01-01","medianPrice":1}]""", "[0].area")]
    [InlineData("""[{"area":[[0,0],[1]],"date":"2026-01-01","medianPrice":1}]""", "[0].area")]
    [InlineData("""[{"area":[[-130,30],[-100,30],[-100,50]],"date":"2026-01-01","medianPrice":1}]""", "[0].area")]
    [InlineData("""[{"cellId":"9/1/1","date":"2026-01-01","medianPrice":1}]""", "[0].cellId")]
    [InlineData("""[{"cellId":"13/1312/2860","date":"2026-01-01"}]""", "[0]")]
    [InlineData("""[{"cellId":"13/1312/2860","date":"01/02/2026","medianPrice":1}]""", "[0].date")]
    [InlineData("""[{"lat":100,"lon":1,"date":"2026-01-01","medianPrice":1}]""", "[0].lat")]
    public async Task Bad_market_data_is_refused(string json, string field)
    {
        await ProblemNamesField(await _http.PostAsync("/api/market", Json(json)), field);
    }
}
