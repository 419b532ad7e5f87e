using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static LeadRecs.UnitTests.Api.ApiAssert;

namespace LeadRecs.UnitTests.Api.Security;

/// <summary>What an unhandled error looks like from outside: a generic problem, nothing of the exception.</summary>
public sealed class GenericServerErrorTests(FaultyLogFactory factory) : IClassFixture<FaultyLogFactory>
{
    [Fact]
    public async Task A_storage_failure_is_a_generic_500_problem()
    {
        var http = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/leads", new[] { new { id = "fault-l", lat = 1.0, lon = 1.0, price = 1.0, kind = "house" } })).StatusCode);

        var response = await http.PostAsJsonAsync("/api/events", new[] { new { userId = "fault-u", leadId = "fault-l", kind = "view" } });

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        foreach (var leak in new[] { FaultyLogFactory.Secret, "SELECT", "42P01", "hunter2", "Exception", "   at ", "LeadRecs.", "System." })
        {
            Assert.DoesNotContain(leak, body);
        }
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        var traceId = problem.GetProperty("traceId").GetString();
        Assert.False(string.IsNullOrEmpty(traceId));

        // What the client is not told, the operator is: the exception, logged once with the trace id the client quotes.
        var logged = Assert.Single(factory.Errors, e => e.Message.Contains(traceId!, StringComparison.Ordinal));
        Assert.Contains(FaultyLogFactory.Secret, logged.Exception?.Message);
        Assert.Contains("POST /api/events", logged.Message);
    }
}

/// <summary>Body size, nesting and duplicate members: refused with a problem that names the field, nothing applied.</summary>
[Collection(EmptyApiCollection.Name)]
public sealed class RequestLimitTests(EmptyApiFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    /// <summary>A body that does not say how long it is, so only reading it finds out.</summary>
    private sealed class UnsizedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static byte[] OversizedBatch()
    {
        // A valid-looking array just over 4 MiB.
        var item = """{"userId":"big-u","leadId":"big-l","kind":"view"},""";
        var builder = new StringBuilder("[");
        while (builder.Length <= 4 * 1024 * 1024)
        {
            builder.Append(item);
        }
        builder.Append(item.TrimEnd(',')).Append(']');
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    [Fact]
    public async Task An_oversized_body_is_413_with_or_without_a_length()
    {
        var bytes = OversizedBatch();
        var sized = new ByteArrayContent(bytes);
        sized.Headers.ContentType = new("application/json");
        await ProblemNamesField(await _http.PostAsync("/api/events", sized), "body", HttpStatusCode.RequestEntityTooLarge);

        var unsized = new UnsizedContent(bytes);
        unsized.Headers.ContentType = new("application/json");
        await ProblemNamesField(await _http.PostAsync("/api/leads", unsized), "body", HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(100_000)]
    public async Task Deep_nesting_is_refused(int depth)
    {
        var json = new string('[', depth) + new string(']', depth);
        await ProblemNamesField(await _http.PostAsync("/api/market", Json(json)), "[0]");
    }

    [Theory]
    [InlineData("/api/users/u/recommendations?k=10%00", "k")]
    [InlineData("/api/users/u/recommendations?k=+5", "k")]
    [InlineData("/api/users/u/recommendations?k=%205", "k")]
    [InlineData("/api/users/u/recommendations?k=5&k=100", "k")]
    [InlineData("/api/geo/heatmap?minLat=1%00&minLon=1&maxLat=2&maxLon=2", "minLat")]
    [InlineData("/api/geo/heatmap?minLat=1&minLon=1&maxLat=2&maxLon=2&maxLon=3", "maxLon")]
    [InlineData("/api/geo/heatmap?minLat=1&minLon=1&maxLat=2&maxLon=2&zoom=1e1", "zoom")]
    public async Task Sloppy_or_repeated_query_values_are_refused(string url, string field)
    {
        await ProblemNamesField(await _http.GetAsync(url), field);
    }

    [Theory]
    [InlineData("""[{"userId":"dup-a","userId":"dup-b","leadId":"l","kind":"view"}]""", "[0].userId")]
    [InlineData("""[{"userId":"dup-a","UserId":"dup-b","leadId":"l","kind":"view"}]""", "[0].UserId")]
    public async Task Repeated_members_are_refused(string json, string field)
    {
        await ProblemNamesField(await _http.PostAsync("/api/events", Json(json)), field);
    }

    [Theory]
    [InlineData("""[{"id":"n1","lat":NaN,"lon":1,"price":1,"kind":"house"}]""", "[0].lat")]
    [InlineData("""[{"id":"n1","lat":1,"lon":Infinity,"price":1,"kind":"house"}]""", "[0].lon")]
    [InlineData("""[{"id":"n1","lat":1e400,"lon":1,"price":1,"kind":"house"}]""", "[0].lat")]
    [InlineData("""[{"id":"n1","lat":1,"lon":1,"price":1e400,"kind":"house"}]""", "[0].price")]
    [InlineData("""[{"id":"n1","lat":1,"lon":1,"price":1,"kind":"house","bedrooms":99999999999}]""", "[0].bedrooms")]
    [InlineData("""[{"id":"n1","lat":1,"lon":1,"price":1,"kind":"house","bedrooms":2.5}]""", "[0].bedrooms")]
    [InlineData("""[{"id":"'; DROP TABLE interactions; --","lat":1,"lon":1,"price":1,"kind":"house"}]""", "[0].id")]
    [InlineData("""[{"id":"<script>alert(1)</script>","lat":1,"lon":1,"price":1,"kind":"house"}]""", "[0].id")]
    [InlineData("""[{"id":"caf\u00e9","lat":1,"lon":1,"price":1,"kind":"house"}]""", "[0].id")]
    [InlineData("""[{"id":"a\u0000b","lat":1,"lon":1,"price":1,"kind":"house"}]""", "[0].id")]
    [InlineData("""[{"id":"n1","lat":1,"lon":1,"price":1,"kind":"house","listedAt":"9999-12-31T23:59:59Z"}]""", "[0].listedAt")]
    [InlineData("""[{"id":"n1","lat":1,"lon":1,"price":1,"kind":"house,condo"}]""", "[0].kind")]
    [InlineData("""[{"id":"n1","lat":1,"lon":1,"price":1,"kind":"house "}]""", "[0].kind")]
    [InlineData("""[{"id":"n1","lat":1,"lon":1,"price":1,"kind":"condo","status":"active,closed"}]""", "[0].status")]
    public async Task Hostile_values_are_refused_by_name(string json, string field)
    {
        await ProblemNamesField(await _http.PostAsync("/api/leads", Json(json)), field);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/leads/n1")).StatusCode);
    }
}
