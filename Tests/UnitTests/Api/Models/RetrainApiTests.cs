using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static LeadRecs.UnitTests.Api.ApiAssert;

namespace LeadRecs.UnitTests.Api.Models;

/// <summary>A manual retraining through the admin API, and its run in the registry's view.</summary>
[Collection(ModelApiCollection.Name)]
public sealed class RetrainApiTests(ModelApiFactory factory)
{
    private const string Model = $"/api/models/{ModelApiFactory.Model}";

    private readonly HttpClient _http = factory.Admin();

    [Fact]
    public async Task Retrain_answers_202_with_the_run_which_the_model_then_shows()
    {
        await factory.ResetAsync();

        var response = await _http.PostAsync($"{Model}/retrain", Json("""{"reason":"fresh interactions"}"""));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(HttpStatusCode.Accepted == response.StatusCode, text);
        var run = JsonDocument.Parse(text).RootElement;
        var id = run.GetProperty("id").GetString();
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal("manual", run.GetProperty("trigger").GetString());
        Assert.Equal("fresh interactions", run.GetProperty("reason").GetString());

        // The run ends (a canary registered, or a failure recorded) and the model's view names it.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        JsonElement last;
        while (true)
        {
            last = (await _http.GetFromJsonAsync<JsonElement>(Model)).GetProperty("lastRetraining");
            if (last.ValueKind == JsonValueKind.Object && last.GetProperty("id").GetString() == id && last.GetProperty("status").GetString() != "running")
            {
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the retraining run did not finish within 3 minutes: {last}");
            await Task.Delay(250);
        }
        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        Assert.True(last.GetProperty("rows").GetInt64() > 0);
        Assert.Equal(JsonValueKind.String, last.GetProperty("finishedAt").ValueKind);
        var version = last.GetProperty("version").GetString();
        Assert.Equal(version, (await factory.Registry.GetSnapshotAsync()).Canary?.Version);
        await factory.ResetAsync();
    }
}
