using System.Net;
using System.Text.Json;

namespace LeadRecs.UnitTests.Api;

internal static class ApiAssert
{
    /// <summary>Asserts a 400 RFC 7807 problem whose errors name <paramref name="field"/>.</summary>
    public static async Task ProblemNamesField(HttpResponseMessage response, string field, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal((int)status, doc.RootElement.GetProperty("status").GetInt32());
        var named = doc.RootElement.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().Select(p => p.Name).ToList()
            : [doc.RootElement.GetProperty("field").GetString()!];
        Assert.True(named.Contains(field), $"problem should name '{field}' but named [{string.Join(", ", named)}]: {body}");
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("   at ", body);
    }

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
