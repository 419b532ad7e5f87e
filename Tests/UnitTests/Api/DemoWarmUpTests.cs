using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRecs.UnitTests.Api;

/// <summary>
/// The first minute of the demo as a newcomer meets it: until the market is seeded a recommendation request gets a
/// 503 that says so (with Retry-After), never a 200 with an empty list; an admin key is generated for the run.
/// </summary>
public sealed class DemoWarmUpTests : IClassFixture<DemoWarmUpTests.SeedingFactory>
{
    private readonly SeedingFactory _factory;

    public DemoWarmUpTests(SeedingFactory factory) => _factory = factory;

    /// <summary>A demo market big enough that seeding takes a while; no model training, which is not under test.</summary>
    public sealed class SeedingFactory() : EmbeddedApiFactory(seedDemo: true, demoLeads: 1500, demoUsers: 200, demoDays: 30)
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("LeadRecs:Demo:TrainModel", "false");
        }
    }

    [Fact]
    public async Task Recommendations_answer_503_with_Retry_After_until_the_market_is_seeded_then_200()
    {
        var http = _factory.CreateClient();
        var warmUpAnswers = 0;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var recs = await http.GetAsync("/api/users/user-1/recommendations?k=10");
            // Readiness only ever turns on: a 503 from /health after the request means it was not ready during it.
            var healthAfter = await http.GetAsync("/health");
            if (healthAfter.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, recs.StatusCode);
                Assert.Equal("5", recs.Headers.GetValues("Retry-After").Single());
                Assert.Equal("application/problem+json", recs.Content.Headers.ContentType?.MediaType);
                var problem = await recs.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(503, problem.GetProperty("status").GetInt32());
                Assert.Contains("seeding demo market", problem.GetProperty("detail").GetString());
                warmUpAnswers++;
            }
            else if (recs.StatusCode == HttpStatusCode.OK)
            {
                var body = await recs.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(10, body.GetProperty("items").GetArrayLength());
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, "the demo was not serving recommendations within 90 s");
            await Task.Delay(100);
        }
        Assert.True(warmUpAnswers > 0, "no request landed while the market was being seeded");
    }

    [Fact]
    public async Task An_embedded_demo_without_an_admin_key_generates_one_that_opens_the_admin_endpoints()
    {
        var key = _factory.Services.GetRequiredService<IConfiguration>()["LeadRecs:Admin:ApiKey"];
        Assert.NotNull(key);
        Assert.StartsWith("demo-", key);
        Assert.Equal(5 + 32, key.Length);

        var anonymous = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/flagged-users")).StatusCode);
        var admin = _factory.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/admin/flagged-users")).StatusCode);
    }
}
