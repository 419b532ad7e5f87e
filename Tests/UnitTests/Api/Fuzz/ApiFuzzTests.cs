using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadRecs.Storage;
using LeadRecs.UnitTests.Api.Security;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LeadRecs.UnitTests.Api.Fuzz;

/// <summary>
/// Several thousand generated malformed and adversarial requests (fixed seed) against the real API in embedded mode:
/// no answer may be a 5xx, every malformed request must be refused with a 4xx, and none may change anything: the
/// interaction log, the leads, the user and the heatmap are compared before, during and after.
/// </summary>
public sealed class ApiFuzzTests(ApiFuzzTests.Factory factory, ITestOutputHelper output) : IClassFixture<ApiFuzzTests.Factory>
{
    public const int Seed = 20260307;
    public const int Cases = 4000;

    public sealed class Factory : SecuredApiFactory;

    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Malformed_requests_get_no_5xx_and_change_nothing()
    {
        var target = await SeedTargetAsync();
        var before = await StateAsync(target);
        var generator = new FuzzCaseGenerator(Seed, target);
        var statuses = new SortedDictionary<int, int>();
        var byKind = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        var run = 0;

        foreach (var fuzz in generator.Generate(Cases))
        {
            using var response = await _http.SendAsync(fuzz.ToRequest());
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            byKind[fuzz.Kind] = byKind.GetValueOrDefault(fuzz.Kind) + 1;
            if (status >= 500 || fuzz.MustRefuse && status is < 400 or >= 500)
            {
                failures.Add($"{status} for {fuzz} -> {Excerpt(await response.Content.ReadAsStringAsync())}");
            }
            else if (status >= 400 && status != 404 && status != 405)
            {
                await AssertProblemAsync(response, fuzz);
            }
            if (++run % 500 == 0 && await StateAsync(target) is var now && now != before)
            {
                Assert.Fail($"state changed by case {run - 499}..{run}:\n{now}\nbad answers so far:\n" + string.Join("\n", failures.Take(20)));
            }
        }

        var after = await StateAsync(target);
        output.WriteLine($"fuzz: {run} cases (seed {Seed}) in {clock.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine("by status: " + string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}")));
        output.WriteLine("by kind: " + string.Join(", ", byKind.Select(k => $"{k.Key}: {k.Value}")));
        Assert.True(failures.Count == 0, $"{failures.Count} bad answers:\n" + string.Join("\n", failures.Take(20)));
        Assert.True(run >= Cases, $"only {run} cases ran");
        Assert.Equal(before, after);
        foreach (var id in target.RefusedLeadIds.Take(300))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/leads/{id}")).StatusCode);
        }
    }

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300];

    private static async Task AssertProblemAsync(HttpResponseMessage response, FuzzCase fuzz)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{(int)response.StatusCode} without a problem for {fuzz}: {Excerpt(body)}");
        foreach (var leak in new[] { "Exception", "   at ", "System.", "LeadRecs.", "Npgsql", "Orleans" })
        {
            Assert.True(!body.Contains(leak, StringComparison.Ordinal), $"'{leak}' in the answer to {fuzz}: {Excerpt(body)}");
        }
    }

    private async Task<FuzzTarget> SeedTargetAsync()
    {
        var p = "fz" + Guid.NewGuid().ToString("N")[..6];
        var target = new FuzzTarget
        {
            Prefix = p,
            UserId = $"{p}-user",
            LeadIds = [$"{p}-l0", $"{p}-l1", $"{p}-l2"],
            Lat = -33.8,
            Lon = 151.2,
            AdminKey = SecuredApiFactory.AdminKey,
        };
        var leads = target.LeadIds.Select((id, i) => new { id, lat = target.Lat + i * 0.002, lon = target.Lon, price = 800_000, kind = "house", bedrooms = 3 });
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsJsonAsync("/api/leads", leads)).StatusCode);
        var start = DateTimeOffset.UtcNow.AddHours(-3);
        var events = target.LeadIds.Select((id, i) => new { userId = target.UserId, leadId = id, kind = "view", at = start.AddMinutes(i * 7), eventId = $"{p}-seed{i}" });
        Assert.Equal(HttpStatusCode.Accepted, (await _http.PostAsJsonAsync("/api/events", events)).StatusCode);
        return target;
    }

    /// <summary>Everything a request could have changed, in a form that does not move by itself as time passes.</summary>
    private async Task<string> StateAsync(FuzzTarget target)
    {
        var log = factory.Services.GetRequiredService<IInteractionLog>();
        var parts = new List<string> { $"log {await log.CountAsync()}" };
        foreach (var id in target.LeadIds)
        {
            parts.Add(await _http.GetStringAsync($"/api/leads/{id}"));
        }
        var user = await _http.GetFromJsonAsync<JsonElement>($"/api/users/{target.UserId}");
        parts.Add($"user {user.GetProperty("interactionCount")} {user.GetProperty("featureVersion")} {user.GetProperty("lastActivity")} {user.GetProperty("recentLeadIds")}");
        var heatmap = await _http.GetFromJsonAsync<JsonElement>(
            $"/api/geo/heatmap?minLat={target.Lat - 0.1}&minLon={target.Lon - 0.1}&maxLat={target.Lat + 0.1}&maxLon={target.Lon + 0.1}");
        parts.Add("cells " + string.Join(";", heatmap.GetProperty("cells").EnumerateArray().Select(c => $"{c.GetProperty("cellId")}={c.GetProperty("supply")}")));
        return string.Join("\n", parts);
    }
}
