using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadRecs.Ranking.Features.Schema;
using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Scoring;
using LeadRecs.Storage.Models;
using Microsoft.Extensions.DependencyInjection;
using static LeadRecs.UnitTests.Api.ApiAssert;

namespace LeadRecs.UnitTests.Api.Models;

/// <summary>
/// The TensorFlow-Serving-compatible REST API: status, metadata and :predict in both formats, with the scores the
/// model itself gives, and TF Serving's errors. Called without any key: it is as open as the public API.
/// </summary>
[Collection(ModelApiCollection.Name)]
public sealed class TfServingApiTests(ModelApiFactory factory)
{
    private const string Root = $"/v1/models/{ModelApiFactory.Model}";

    private readonly HttpClient _http = factory.CreateClient();

    private static readonly FeatureSchema Schema = FeatureSchemas.Latest;

    /// <summary>Rows of plausible inputs: dense values in [-2, 2], small category ids.</summary>
    private static (float[][] Dense, long[][] Categorical) Rows(int rows, int seed = 7)
    {
        var random = new Random(seed);
        var dense = Enumerable.Range(0, rows)
            .Select(_ => Enumerable.Range(0, Schema.DenseWidth).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray()).ToArray();
        var categorical = Enumerable.Range(0, rows)
            .Select(r => Enumerable.Range(0, Schema.CategoricalCount).Select(j => (long)((r + j) % 6)).ToArray()).ToArray();
        return (dense, categorical);
    }

    /// <summary>What the registered version's own scorer gives for the rows, from its artifact in the store.</summary>
    private async Task<float[]> ExpectedAsync(string sha256, float[][] dense, long[][] categorical)
    {
        var artifact = await factory.Services.GetRequiredService<IModelArtifactStore>().GetAsync(sha256);
        Assert.NotNull(artifact);
        using var scorer = new DeepScorer(artifact);
        var scores = new float[dense.Length];
        scorer.ScoreRows(dense.SelectMany(r => r).ToArray(), categorical.SelectMany(r => r).Select(v => (int)v).ToArray(), dense.Length, scores);
        return scores;
    }

    private static float[] Scores(JsonElement answer, string key) =>
        answer.GetProperty(key).EnumerateArray().Select(p => Assert.Single(p.EnumerateArray()).GetSingle()).ToArray();

    private async Task<JsonElement> PostAsync(string path, object body, HttpStatusCode status = HttpStatusCode.OK)
    {
        var response = await _http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<string> UploadCanaryAsync()
    {
        var version = TestModels.NewVersion("tf");
        var artifact = TestModels.Untrained(Schema, version);
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(artifact.OnnxBytes()), "model", "model.onnx" },
            { new StringContent(artifact.Manifest.ToJson()), "manifest", "manifest.json" },
        };
        Assert.Equal(HttpStatusCode.Created, (await factory.Admin().PostAsync($"/api/models/{ModelApiFactory.Model}/versions", form)).StatusCode);
        await factory.ServedAsync((await factory.Registry.GetSnapshotAsync()).Revision);
        return version;
    }

    [Fact]
    public async Task Status_lists_the_live_versions_as_available()
    {
        var seeded = (await factory.ResetAsync()).Stable!.Version;

        var status = await _http.GetFromJsonAsync<JsonElement>(Root);
        var only = Assert.Single(status.GetProperty("model_version_status").EnumerateArray());
        Assert.Equal(seeded, only.GetProperty("version").GetString());
        Assert.Equal("AVAILABLE", only.GetProperty("state").GetString());
        Assert.Equal("OK", only.GetProperty("status").GetProperty("error_code").GetString());
        Assert.Equal("", only.GetProperty("status").GetProperty("error_message").GetString());

        var canary = await UploadCanaryAsync();
        var both = await _http.GetFromJsonAsync<JsonElement>(Root);
        Assert.Equal(
            new[] { $"{seeded} AVAILABLE", $"{canary} AVAILABLE" },
            both.GetProperty("model_version_status").EnumerateArray().Select(v => $"{v.GetProperty("version").GetString()} {v.GetProperty("state").GetString()}"));
        var byLabel = await _http.GetFromJsonAsync<JsonElement>($"{Root}/labels/canary");
        Assert.Equal(canary, byLabel.GetProperty("model_version_status")[0].GetProperty("version").GetString());
        var byVersion = await _http.GetFromJsonAsync<JsonElement>($"{Root}/versions/{seeded}");
        Assert.Equal(seeded, Assert.Single(byVersion.GetProperty("model_version_status").EnumerateArray()).GetProperty("version").GetString());

        // A version that is registered but no longer served ends, as TF Serving reports an unloaded one.
        await factory.Registry.RollbackAsync("test: retire the canary");
        var retired = await _http.GetFromJsonAsync<JsonElement>($"{Root}/versions/{canary}");
        Assert.Equal("END", retired.GetProperty("model_version_status")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Metadata_describes_the_serving_default_signature()
    {
        var seeded = (await factory.ResetAsync()).Stable!.Version;

        var metadata = await _http.GetFromJsonAsync<JsonElement>($"{Root}/metadata");

        var spec = metadata.GetProperty("model_spec");
        Assert.Equal(ModelApiFactory.Model, spec.GetProperty("name").GetString());
        Assert.Equal(seeded, spec.GetProperty("version").GetString());
        Assert.Equal("", spec.GetProperty("signature_name").GetString());
        var signature = metadata.GetProperty("metadata").GetProperty("signature_def").GetProperty("signature_def").GetProperty("serving_default");
        Assert.Equal("tensorflow/serving/predict", signature.GetProperty("method_name").GetString());
        static string Tensor(JsonElement t) => t.GetProperty("dtype").GetString() + " ["
            + string.Join(",", t.GetProperty("tensor_shape").GetProperty("dim").EnumerateArray().Select(d => d.GetProperty("size").GetString())) + "]";
        Assert.Equal($"DT_FLOAT [-1,{Schema.DenseWidth}]", Tensor(signature.GetProperty("inputs").GetProperty("dense")));
        Assert.Equal($"DT_INT64 [-1,{Schema.CategoricalCount}]", Tensor(signature.GetProperty("inputs").GetProperty("categorical")));
        Assert.Equal("DT_FLOAT [-1,1]", Tensor(signature.GetProperty("outputs").GetProperty("score")));
        Assert.Equal("dense", signature.GetProperty("inputs").GetProperty("dense").GetProperty("name").GetString());

        var byVersion = await _http.GetFromJsonAsync<JsonElement>($"{Root}/versions/{seeded}/metadata");
        Assert.Equal(seeded, byVersion.GetProperty("model_spec").GetProperty("version").GetString());
        var byLabel = await _http.GetFromJsonAsync<JsonElement>($"{Root}/labels/stable/metadata");
        Assert.Equal(seeded, byLabel.GetProperty("model_spec").GetProperty("version").GetString());
    }

    [Fact]
    public async Task Predict_in_the_row_format_gives_the_models_own_scores()
    {
        var stable = (await factory.ResetAsync()).Stable!;
        var (dense, categorical) = Rows(7);
        var expected = await ExpectedAsync(stable.Sha256, dense, categorical);

        var answer = await PostAsync($"{Root}:predict",
            new { instances = dense.Select((d, i) => new { dense = d, categorical = categorical[i] }) });

        Assert.Equal(expected, Scores(answer, "predictions"));
        Assert.All(expected, s => Assert.InRange(s, 0f, 1f));
        Assert.False(answer.TryGetProperty("outputs", out _));
    }

    [Fact]
    public async Task Predict_in_the_columnar_format_gives_the_models_own_scores()
    {
        var stable = (await factory.ResetAsync()).Stable!;
        var (dense, categorical) = Rows(5, seed: 11);
        var expected = await ExpectedAsync(stable.Sha256, dense, categorical);

        var answer = await PostAsync($"{Root}/versions/{stable.Version}:predict",
            new { signature_name = "serving_default", inputs = new { dense, categorical } });

        Assert.Equal(expected, Scores(answer, "outputs"));
        Assert.False(answer.TryGetProperty("predictions", out _));
    }

    [Fact]
    public async Task Predict_addresses_the_canary_by_label_and_by_version()
    {
        await factory.ResetAsync();
        var canary = await UploadCanaryAsync();
        var entry = (await factory.Registry.GetSnapshotAsync()).Find(canary)!;
        var (dense, categorical) = Rows(3, seed: 3);
        var expected = await ExpectedAsync(entry.Sha256, dense, categorical);
        var body = new { inputs = new { dense, categorical } };

        Assert.Equal(expected, Scores(await PostAsync($"{Root}/labels/canary:predict", body), "outputs"));
        Assert.Equal(expected, Scores(await PostAsync($"{Root}/versions/{canary}:predict", body), "outputs"));
        Assert.NotEqual(expected, Scores(await PostAsync($"{Root}:predict", body), "outputs"));
    }

    public static TheoryData<string, string, HttpStatusCode> BadPredictions
    {
        get
        {
            var width = Schema.DenseWidth;
            var cats = string.Join(",", Enumerable.Repeat("1", Schema.CategoricalCount));
            var row = string.Join(",", Enumerable.Repeat("0.5", width));
            var narrow = string.Join(",", Enumerable.Repeat("0.5", width - 1));
            return new()
            {
                { Root + ":predict", $$$"""{"instances":[{"dense":[{{{narrow}}}],"categorical":[{{{cats}}}]}]}""", HttpStatusCode.BadRequest },
                { Root + ":predict", $$$"""{"inputs":{"dense":[[{{{narrow}}}],[{{{narrow}}}]],"categorical":[[{{{cats}}}],[{{{cats}}}]]}}""", HttpStatusCode.BadRequest },
                { Root + ":predict", $$$"""{"instances":[{"dense":[{{{row}}}],"categorical":[{{{cats}}}]},{"dense":[{{{narrow}}}],"categorical":[{{{cats}}}]}]}""", HttpStatusCode.BadRequest },
                { Root + ":predict", $$$"""{"instances":[{"dense":[{{{row}}}],"categorical":[1.5{{{cats[1..]}}}]}]}""", HttpStatusCode.BadRequest },
                { Root + ":predict", $$$"""{"instances":[{"dense":[{{{row}}}]}]}""", HttpStatusCode.BadRequest },
                { Root + ":predict", $$$"""{"instances":[{"dense":[{{{row}}}],"categorical":[{{{cats}}}],"extra":[1]}]}""", HttpStatusCode.BadRequest },
                { Root + ":predict", $$$"""{"inputs":{"dense":[[{{{row}}}]],"categorical":[[{{{cats}}}],[{{{cats}}}]]}}""", HttpStatusCode.BadRequest },
                { Root + ":predict", $$$"""{"instances":[],"inputs":{}}""", HttpStatusCode.BadRequest },
                { Root + ":predict", """{"instances":[]}""", HttpStatusCode.BadRequest },
                { Root + ":predict", """{}""", HttpStatusCode.BadRequest },
                { Root + ":predict", """{"signature_name":"classify","instances":[]}""", HttpStatusCode.BadRequest },
                { Root + ":predict", """{"instances": [""", HttpStatusCode.BadRequest },
                { Root + ":predict", """[1,2,3]""", HttpStatusCode.BadRequest },
                { "/v1/models/other-model:predict", $$$"""{"instances":[{"dense":[{{{row}}}],"categorical":[{{{cats}}}]}]}""", HttpStatusCode.NotFound },
                { Root + "/versions/no-such-version:predict", $$$"""{"instances":[{"dense":[{{{row}}}],"categorical":[{{{cats}}}]}]}""", HttpStatusCode.NotFound },
                { Root + "/labels/no-such-label:predict", $$$"""{"instances":[{"dense":[{{{row}}}],"categorical":[{{{cats}}}]}]}""", HttpStatusCode.NotFound },
                { "/v1/models/bad!name:predict", $$$"""{"instances":[{"dense":[{{{row}}}],"categorical":[{{{cats}}}]}]}""", HttpStatusCode.BadRequest },
            };
        }
    }

    [Theory]
    [MemberData(nameof(BadPredictions))]
    public async Task Bad_predictions_get_tf_serving_errors(string path, string body, HttpStatusCode status)
    {
        await factory.ResetAsync();

        var response = await _http.PostAsync(path, Json(body));

        await AssertTfErrorAsync(response, status);
    }

    [Theory]
    [InlineData("/v1/models/other-model")]
    [InlineData("/v1/models/other-model/metadata")]
    [InlineData(Root + "/versions/no-such-version")]
    [InlineData(Root + "/labels/no-such-label")]
    [InlineData(Root + "/versions/no-such-version/metadata")]
    [InlineData(Root + "/labels/canary/metadata")]
    public async Task Unknown_models_versions_and_labels_are_404(string path)
    {
        await factory.ResetAsync();
        await AssertTfErrorAsync(await _http.GetAsync(path), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_predict_body_need_not_be_labelled_json()
    {
        var stable = (await factory.ResetAsync()).Stable!;
        var (dense, categorical) = Rows(2, seed: 5);
        var json = JsonSerializer.Serialize(new { instances = dense.Select((d, i) => new { dense = d, categorical = categorical[i] }) });

        // What `curl -d '...'` sends, as TF Serving's own examples do.
        var response = await _http.PostAsync($"{Root}:predict", new StringContent(json, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await ExpectedAsync(stable.Sha256, dense, categorical), Scores(await response.Content.ReadFromJsonAsync<JsonElement>(), "predictions"));
    }

    private static async Task AssertTfErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(text).RootElement;
        var member = Assert.Single(error.EnumerateObject());
        Assert.Equal("error", member.Name);
        Assert.False(string.IsNullOrWhiteSpace(member.Value.GetString()));
        Assert.DoesNotContain("Exception", text);
    }
}
