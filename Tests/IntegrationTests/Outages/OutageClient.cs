using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace LeadRecs.IntegrationTests.Outages;

/// <summary>Requests of the outage tests against one API, each recorded with its status and how long it took.</summary>
public sealed class OutageClient(HttpClient http, Uri api, string prefix)
{
    public const int Leads = 10;

    private int _sequence;

    public List<(string What, HttpStatusCode Status, TimeSpan Took)> Seen { get; } = [];

    public string Lead(int i) => $"{prefix}-l{i % Leads}";

    public string User(int i) => $"{prefix}-u{i}";

    public Task<HttpResponseMessage> UpsertLeadsAsync() => SendAsync("leads", () => http.PostAsJsonAsync(new Uri(api, "/api/leads"),
        Enumerable.Range(0, Leads).Select(i => new
        {
            id = Lead(i), lat = 47.6 + i * 0.004, lon = -122.3 + i * 0.003, price = 300_000 + i * 50_000,
            kind = i % 2 == 0 ? "condo" : "house", bedrooms = 2,
        }).ToArray()));

    /// <summary>Two events of <paramref name="user"/> with fresh ids, which are returned.</summary>
    public async Task<(HttpResponseMessage Response, string[] EventIds)> PostEventsAsync(int user)
    {
        var n = Interlocked.Increment(ref _sequence);
        var events = Enumerable.Range(0, 2).Select(e => new
        {
            userId = User(user), leadId = Lead(n + e), kind = e == 0 ? "view" : "click", eventId = $"{prefix}-e{n}-{e}",
        }).ToArray();
        var response = await SendAsync("events", () => http.PostAsJsonAsync(new Uri(api, "/api/events"), events));
        return (response, events.Select(e => e.eventId).ToArray());
    }

    public Task<HttpResponseMessage> GetRecommendationsAsync(int user) =>
        SendAsync("recommendations", () => http.GetAsync(new Uri(api, $"/api/users/{User(user)}/recommendations?k=5")));

    public Task<HttpResponseMessage> GetUserAsync(int user) => SendAsync("user", () => http.GetAsync(new Uri(api, $"/api/users/{User(user)}")));

    public Task<HttpResponseMessage> GetLeadAsync(int lead) => SendAsync("lead", () => http.GetAsync(new Uri(api, $"/api/leads/{Lead(lead)}")));

    public Task<HttpResponseMessage> GetHeatmapAsync() =>
        SendAsync("heatmap", () => http.GetAsync(new Uri(api, "/api/geo/heatmap?minLat=47.5&minLon=-122.4&maxLat=47.7&maxLon=-122.2")));

    public Task<HttpResponseMessage> GetHealthAsync() => http.GetAsync(new Uri(api, "/health"));

    private async Task<HttpResponseMessage> SendAsync(string what, Func<Task<HttpResponseMessage>> send)
    {
        var started = Stopwatch.StartNew();
        var response = await send();
        lock (Seen)
        {
            Seen.Add((what, response.StatusCode, started.Elapsed));
        }
        return response;
    }
}
