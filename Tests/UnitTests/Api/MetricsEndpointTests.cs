using System.Net;
using System.Net.Http.Json;

namespace LeadRecs.UnitTests.Api;

[Collection(EmptyApiCollection.Name)]
public sealed class MetricsEndpointTests(EmptyApiFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Recommendation_and_feedback_metrics_are_exported_in_Prometheus_format()
    {
        var p = Guid.NewGuid().ToString("N")[..8];
        var leads = Enumerable.Range(0, 6).Select(i => new { id = $"{p}-l{i}", lat = 64.1 + i * 0.001, lon = -21.9, price = 400_000, kind = "condo" });
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsJsonAsync("/api/leads", leads)).StatusCode);
        await _http.PostAsJsonAsync("/api/events", new[] { new { userId = $"{p}-u", leadId = $"{p}-l0", kind = "view" } });
        var recs = await _http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/users/{p}-u/recommendations?k=3");
        await _http.GetAsync($"/api/users/{p}-u/recommendations?k=3");
        var recommendationId = recs.GetProperty("recommendationId").GetString();
        var clicked = recs.GetProperty("items")[0].GetProperty("leadId").GetString();
        await _http.PostAsJsonAsync("/api/events", new[] { new { userId = $"{p}-u", leadId = clicked, kind = "click", recommendationId } });

        var response = await _http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Matches("""leadrecs_recommendation_cache_lookups_total\{[^}]*result="hit"[^}]*tier="memory"[^}]*\} [1-9]""", text);
        Assert.Matches(""""leadrecs_recommendation_duration_seconds_bucket\{[^}]*path="computed"[^}]*\}"""", text);
        Assert.Matches("""leadrecs_recommendation_impressions_total\{[^}]*model="baseline"[^}]*variant="control"[^}]*\} [1-9]""", text);
        Assert.Matches("""leadrecs_feedback_hits_total\{[^}]*variant="control"[^}]*\} [1-9]""", text);
        Assert.Contains("http_server_request_duration_seconds_bucket", text);
        Assert.DoesNotContain(p, text); // no user or lead ids in labels
    }
}
