using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LeadRecs.UnitTests.Api.Security;

/// <summary>The admin key on admin endpoints, client keys on public ones.</summary>
[Collection(SecuredApiCollection.Name)]
public sealed class AuthenticationTests(SecuredApiFactory factory)
{
    private const string Admin = "/api/admin/flagged-users";

    private HttpClient Client(string? key = null)
    {
        var http = factory.CreateClient();
        if (key is not null)
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Key", key);
        }
        return http;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(SecuredApiFactory.AdminKey, body);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    [Fact]
    public async Task Admin_endpoints_answer_401_without_a_key()
    {
        var response = await Client().GetAsync(Admin);

        await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("wrong-key-of-the-right-length-00")]
    [InlineData("test-admin-key-0123456789abcdeF")]
    [InlineData("test-admin-key-0123456789abcdef ")]
    [InlineData(SecuredApiFactory.PartnerKey)]
    [InlineData("short")]
    public async Task Admin_endpoints_answer_403_to_any_other_key(string key)
    {
        await ProblemAsync(await Client(key).GetAsync(Admin), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Admin_endpoints_answer_the_admin_key()
    {
        var response = await Client(SecuredApiFactory.AdminKey).GetAsync(Admin + "?limit=5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Array, body.GetProperty("users").ValueKind);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("limit=ten")]
    [InlineData("limit=-1")]
    public async Task Admin_list_limits_are_validated(string query)
    {
        await ApiAssert.ProblemNamesField(await Client(SecuredApiFactory.AdminKey).GetAsync($"{Admin}?{query}"), "limit");
    }

    [Fact]
    public async Task Two_keys_at_once_are_refused()
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Key", [SecuredApiFactory.AdminKey, SecuredApiFactory.AdminKey]);
        await ProblemAsync(await http.GetAsync(Admin), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Public_endpoints_are_open_take_client_keys_and_refuse_unknown_ones()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync("/api/users/someone")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client(SecuredApiFactory.PartnerKey).GetAsync("/api/users/someone")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client(SecuredApiFactory.AdminKey).GetAsync("/api/users/someone")).StatusCode);
        await ProblemAsync(await Client("not-a-key-anyone-was-given").GetAsync("/api/users/someone"), HttpStatusCode.Forbidden);
        // A key too weak to be accepted at start is not a key.
        await ProblemAsync(await Client("short").GetAsync("/api/users/someone"), HttpStatusCode.Forbidden);
        // Probes and the dashboard are outside the API.
        Assert.Equal(HttpStatusCode.OK, (await Client("not-a-key-anyone-was-given").GetAsync("/alive")).StatusCode);
    }
}

/// <summary>With LeadRecs:Api:RequireClientKey, public endpoints need a client (or the admin) key.</summary>
public sealed class ClientKeyRequiredTests(ClientKeyRequiredFactory factory) : IClassFixture<ClientKeyRequiredFactory>
{
    [Fact]
    public async Task Public_endpoints_need_a_key_and_probes_do_not()
    {
        var anonymous = factory.CreateClient();
        var response = await anonymous.GetAsync("/api/users/someone/recommendations");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/events", ApiAssert.Json("[]"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/alive")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);

        var partner = factory.CreateClient();
        partner.DefaultRequestHeaders.Add("X-Api-Key", SecuredApiFactory.PartnerKey);
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync("/api/users/someone/recommendations")).StatusCode);
    }

    [Fact]
    public async Task The_tensorflow_serving_api_takes_the_public_endpoints_keys()
    {
        var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/models/deep-ranker")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/v1/models/deep-ranker:predict", ApiAssert.Json("{}"))).StatusCode);

        // With a client key it answers as TF Serving does; this service has no model registered.
        var partner = factory.CreateClient();
        partner.DefaultRequestHeaders.Add("X-Api-Key", SecuredApiFactory.PartnerKey);
        var response = await partner.GetAsync("/v1/models/deep-ranker");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>Without LeadRecs:Admin:ApiKey the admin endpoints are closed to everyone.</summary>
[Collection(EmptyApiCollection.Name)]
public sealed class AdminClosedWithoutKeyTests(EmptyApiFactory factory)
{
    [Fact]
    public async Task Admin_endpoints_stay_closed()
    {
        var http = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/admin/flagged-users")).StatusCode);
        http.DefaultRequestHeaders.Add("X-Api-Key", "anything-at-all-long-enough");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/admin/flagged-users")).StatusCode);
    }
}
