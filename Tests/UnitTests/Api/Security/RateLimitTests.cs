using System.Net;
using System.Text.Json;

namespace LeadRecs.UnitTests.Api.Security;

/// <summary>Per-client token buckets: 429 with Retry-After and a problem once a client's allowance is gone.</summary>
public sealed class RateLimitTests(RateLimitedApiFactory factory) : IClassFixture<RateLimitedApiFactory>
{
    [Fact]
    public async Task A_client_past_its_allowance_gets_429_with_Retry_After_and_others_do_not()
    {
        var partner = factory.CreateClient();
        partner.DefaultRequestHeaders.Add("X-Api-Key", SecuredApiFactory.PartnerKey);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync($"/api/users/rate-{i}")).StatusCode);
        }

        var limited = await partner.GetAsync("/api/users/rate-4");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = Assert.Single(limited.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter), 1, 60);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());

        // Refused requests are not served: posting while limited changes nothing either.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await partner.PostAsync("/api/leads", ApiAssert.Json("""[{"id":"rl-1","lat":1,"lon":1,"price":1,"kind":"house"}]"""))).StatusCode);

        // Another client has a bucket of its own; health probes and the dashboard are never limited.
        var other = factory.CreateClient();
        other.DefaultRequestHeaders.Add("X-Api-Key", SecuredApiFactory.OtherPartnerKey);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/users/rate-5")).StatusCode);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync("/alive")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/leads/rl-1")).StatusCode);
    }
}
