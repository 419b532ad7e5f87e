using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LeadRecs.Ranking.Features.Schema;
using LeadRecs.Ranking.Model;
using LeadRecs.Storage.Models;
using Microsoft.Extensions.DependencyInjection;
using static LeadRecs.UnitTests.Api.ApiAssert;

namespace LeadRecs.UnitTests.Api.Models;

/// <summary>The model registry's admin endpoints against the embedded service and its seeded first model.</summary>
[Collection(ModelApiCollection.Name)]
public sealed class ModelsApiTests(ModelApiFactory factory)
{
    private const string Models = "/api/models";
    private const string Model = $"{Models}/{ModelApiFactory.Model}";

    private readonly HttpClient _http = factory.Admin();

    private IModelArtifactStore Artifacts => factory.Services.GetRequiredService<IModelArtifactStore>();

    private static MultipartFormDataContent Form(byte[]? onnx, string? manifest, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        if (onnx is not null)
        {
            var model = new ByteArrayContent(onnx);
            model.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(model, "model", "model.onnx");
        }
        if (manifest is not null)
        {
            var json = new ByteArrayContent(Encoding.UTF8.GetBytes(manifest));
            json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            form.Add(json, "manifest", "manifest.json");
        }
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        return form;
    }

    private static MultipartFormDataContent Form(ModelArtifact artifact, params (string Name, string Value)[] fields) =>
        Form(artifact.OnnxBytes(), artifact.Manifest.ToJson(), fields);

    private async Task<JsonElement> DetailAsync() => await _http.GetFromJsonAsync<JsonElement>(Model);

    private static JsonElement LatestChange(JsonElement detail) => detail.GetProperty("history")[0];

    [Fact]
    public async Task Models_list_and_detail_show_the_seeded_stable_version()
    {
        var seeded = await factory.SeededVersionAsync();
        await factory.ResetAsync();

        var list = await _http.GetFromJsonAsync<JsonElement>(Models);
        var entry = Assert.Single(list.GetProperty("models").EnumerateArray());
        Assert.Equal(ModelApiFactory.Model, entry.GetProperty("name").GetString());
        Assert.Equal(seeded, entry.GetProperty("labels").GetProperty("stable").GetString());

        var detail = await DetailAsync();
        Assert.Equal(ModelApiFactory.Model, detail.GetProperty("name").GetString());
        Assert.Equal(seeded, detail.GetProperty("labels").GetProperty("stable").GetString());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("labels").GetProperty("canary").ValueKind);
        var version = detail.GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("version").GetString() == seeded);
        Assert.Equal("live", version.GetProperty("status").GetString());
        Assert.Equal(new[] { "stable" }, version.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(FeatureSchemas.Latest.Version, version.GetProperty("schemaVersion").GetString());
        Assert.NotEmpty(version.GetProperty("metrics").EnumerateObject());
        Assert.True(version.TryGetProperty("createdAt", out _));
        var split = Assert.Single(detail.GetProperty("split").EnumerateArray());
        Assert.Equal("control", split.GetProperty("variant").GetString());
        Assert.Equal(seeded, split.GetProperty("version").GetString());
        Assert.Equal(1.0, split.GetProperty("weight").GetDouble());
        Assert.Contains(detail.GetProperty("history").EnumerateArray(),
            h => h.GetProperty("action").GetString() == "register" && h.GetProperty("version").GetString() == seeded);
        Assert.Equal(JsonValueKind.Array, detail.GetProperty("drift").ValueKind);
    }

    [Fact]
    public async Task Unknown_and_malformed_model_names_are_404_and_400()
    {
        await factory.SeededVersionAsync();
        var unknown = await _http.GetAsync($"{Models}/other-model");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"{Models}/other-model/experiments")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.PostAsync($"{Models}/other-model/promote", null)).StatusCode);
        await ProblemNamesField(await _http.GetAsync($"{Models}/bad!name"), "name");
    }

    [Fact]
    public async Task A_valid_upload_becomes_the_canary_at_the_given_share_and_shows_in_the_registry_and_experiments()
    {
        var seeded = await factory.SeededVersionAsync();
        await factory.ResetAsync();
        var version = TestModels.NewVersion();
        var artifact = TestModels.Trained(version);

        var response = await _http.PostAsync($"{Model}/versions", Form(artifact, ("canaryShare", "0.25"), ("reason", "a better model")));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(HttpStatusCode.Created == response.StatusCode, body);
        Assert.Equal($"/api/models/{ModelApiFactory.Model}", response.Headers.Location?.OriginalString);
        var entry = JsonDocument.Parse(body).RootElement;
        Assert.Equal(version, entry.GetProperty("version").GetString());
        Assert.Equal("canary", entry.GetProperty("status").GetString());
        Assert.Equal(new[] { "canary" }, entry.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(artifact.Manifest.OnnxSha256, entry.GetProperty("sha256").GetString());
        Assert.Equal(FeatureSchemas.Latest.Version, entry.GetProperty("schemaVersion").GetString());
        Assert.NotNull(await Artifacts.GetAsync(artifact.Manifest.OnnxSha256));

        var detail = await DetailAsync();
        Assert.Equal(seeded, detail.GetProperty("labels").GetProperty("stable").GetString());
        Assert.Equal(version, detail.GetProperty("labels").GetProperty("canary").GetString());
        Assert.Equal(0.25, detail.GetProperty("canaryShare").GetDouble());
        var split = detail.GetProperty("split").EnumerateArray().ToDictionary(s => s.GetProperty("variant").GetString()!);
        Assert.Equal(version, split["canary"].GetProperty("version").GetString());
        Assert.Equal(0.25, split["canary"].GetProperty("weight").GetDouble(), 9);
        Assert.Equal(0.75, split["control"].GetProperty("weight").GetDouble(), 9);
        var change = LatestChange(detail);
        Assert.Equal("register", change.GetProperty("action").GetString());
        Assert.Equal(version, change.GetProperty("version").GetString());
        Assert.Contains("a better model", change.GetProperty("reason").GetString());

        var experiments = await _http.GetFromJsonAsync<JsonElement>($"{Model}/experiments");
        Assert.Equal("running", experiments.GetProperty("status").GetString());
        var variants = experiments.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("variant").GetString()!);
        Assert.Equal(seeded, variants["control"].GetProperty("version").GetString());
        Assert.Equal(version, variants["canary"].GetProperty("version").GetString());
        Assert.Equal(0.25, variants["canary"].GetProperty("weight").GetDouble(), 9);
        Assert.Equal(2, variants["canary"].GetProperty("ctrCi").GetArrayLength());
        Assert.True(experiments.GetProperty("test").TryGetProperty("pValue", out _));

        // The same version again: the same bytes change nothing (200), other bytes are a conflict (409).
        var again = await _http.PostAsync($"{Model}/versions", Form(artifact));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var revision = (await factory.Registry.GetSnapshotAsync()).Revision;
        var other = TestModels.Untrained(FeatureSchemas.Latest, version);
        await ProblemNamesField(await _http.PostAsync($"{Model}/versions", Form(other)), "manifest.modelVersion", HttpStatusCode.Conflict);
        Assert.Equal(revision, (await factory.Registry.GetSnapshotAsync()).Revision);
        Assert.Null(await Artifacts.GetAsync(other.Manifest.OnnxSha256));
    }

    [Fact]
    public async Task The_canary_share_comes_from_the_query_or_the_configured_default()
    {
        await factory.ResetAsync();
        var fromQuery = await _http.PostAsync($"{Model}/versions?canaryShare=0.3", Form(TestModels.Untrained(FeatureSchemas.Latest, TestModels.NewVersion())));
        Assert.Equal(HttpStatusCode.Created, fromQuery.StatusCode);
        Assert.Equal(0.3, (await DetailAsync()).GetProperty("canaryShare").GetDouble());

        var byDefault = await _http.PostAsync($"{Model}/versions", Form(TestModels.Untrained(FeatureSchemas.Latest, TestModels.NewVersion())));
        Assert.Equal(HttpStatusCode.Created, byDefault.StatusCode);
        Assert.Equal(0.1, (await DetailAsync()).GetProperty("canaryShare").GetDouble());

        await ProblemNamesField(
            await _http.PostAsync($"{Model}/versions?canaryShare=0.3",
                Form(TestModels.Untrained(FeatureSchemas.Latest, TestModels.NewVersion()), ("canaryShare", "0.3"))),
            "canaryShare");
    }

    [Fact]
    public async Task An_upload_may_be_larger_than_the_general_body_limit()
    {
        await factory.ResetAsync();
        // About 5 MiB of weights: more than the 4 MiB every other endpoint accepts.
        var big = TestModels.Untrained(FeatureSchemas.Latest, TestModels.NewVersion("big"), hidden: [1200, 1024]);
        Assert.True(big.Onnx.Length > 4 * 1024 * 1024, $"the model is only {big.Onnx.Length} bytes");

        var response = await _http.PostAsync($"{Model}/versions", Form(big));

        Assert.True(HttpStatusCode.Created == response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.NotNull(await Artifacts.GetAsync(big.Manifest.OnnxSha256));
    }

    [Fact]
    public async Task An_upload_over_64_MiB_is_413_and_registers_nothing()
    {
        await factory.ResetAsync();
        var before = await DetailAsync();
        var manifest = TestModels.Untrained(FeatureSchemas.Latest, TestModels.NewVersion("huge")).Manifest;
        var form = Form(new byte[LeadRecs.Client.Api.Apis.ModelsApi.MaxUploadBytes + 1], manifest.ToJson());

        // As a client that sends a large body should: the server's answer comes before the 64 MiB are sent.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Model}/versions") { Content = form };
        request.Headers.ExpectContinue = true;
        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var after = await DetailAsync();
        Assert.Equal(before.GetProperty("revision").GetInt64(), after.GetProperty("revision").GetInt64());
        Assert.Equal(before.GetProperty("versions").GetArrayLength(), after.GetProperty("versions").GetArrayLength());
    }

    public static TheoryData<string, string> InvalidUploads => new()
    {
        { "not-onnx", "model" },
        { "empty-model", "model" },
        { "no-model", "model" },
        { "model-as-text", "model" },
        { "nan-output", "model" },
        { "wrong-schema", "manifest.schemaVersion" },
        { "unknown-schema", "manifest.schemaVersion" },
        { "no-schema", "manifest.schemaVersion" },
        { "not-json", "manifest" },
        { "no-manifest", "manifest" },
        { "wrong-type", "manifest" },
        { "wrong-sha", "manifest.onnxSha256" },
        { "bad-version", "manifest.modelVersion" },
        { "no-created-at", "manifest.createdAt" },
        { "wrong-signature", "manifest.signature" },
        { "share-too-big", "canaryShare" },
        { "share-not-a-number", "canaryShare" },
        { "unknown-part", "colour" },
    };

    [Theory]
    [MemberData(nameof(InvalidUploads))]
    public async Task Invalid_uploads_are_refused_naming_the_field_and_change_nothing(string defect, string field)
    {
        await factory.ResetAsync();
        var latest = FeatureSchemas.Latest;
        var artifact = defect == "nan-output"
            ? TestModels.Untrained(latest, TestModels.NewVersion(), nan: true)
            : defect == "wrong-schema"
                ? TestModels.Untrained(FeatureSchemas.V1, TestModels.NewVersion())
                : TestModels.Untrained(latest, TestModels.NewVersion());
        var onnx = artifact.OnnxBytes();
        var manifest = artifact.Manifest;
        var random = new byte[4096];
        Random.Shared.NextBytes(random);
        HttpContent content = defect switch
        {
            "not-onnx" => Form(random, (manifest with { OnnxSha256 = ModelArtifact.Sha256Hex(random) }).ToJson()),
            "empty-model" => Form([], manifest.ToJson()),
            "no-model" => Form(null, manifest.ToJson()),
            "model-as-text" => Form(null, manifest.ToJson(), ("model", "not a file")),
            "nan-output" => Form(artifact),
            // A v1 network (28 dense inputs) whose manifest claims the latest schema.
            "wrong-schema" => Form(onnx, (manifest with { SchemaVersion = latest.Version }).ToJson()),
            "unknown-schema" => Form(onnx, (manifest with { SchemaVersion = "v99" }).ToJson()),
            "no-schema" => Form(onnx, (manifest with { SchemaVersion = null! }).ToJson()),
            "not-json" => Form(onnx, "{ this is not json"),
            "no-manifest" => Form(onnx, null),
            "wrong-type" => Form(onnx, manifest.ToJson().Replace("\"createdAt\": \"", "\"createdAt\": 17, \"x\": \"", StringComparison.Ordinal)),
            "wrong-sha" => Form(onnx, (manifest with { OnnxSha256 = new string('a', 64) }).ToJson()),
            "bad-version" => Form(onnx, (manifest with { ModelVersion = "bad version!" }).ToJson()),
            "no-created-at" => Form(onnx, (manifest with { CreatedAt = default }).ToJson()),
            "wrong-signature" => Form(onnx, (manifest with { Signature = ModelSignature.For(FeatureSchemas.V1.ToModelSpec([8])) }).ToJson()),
            "share-too-big" => Form(artifact, ("canaryShare", "1.5")),
            "share-not-a-number" => Form(artifact, ("canaryShare", "lots")),
            "unknown-part" => Form(artifact, ("colour", "red")),
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };
        var before = await factory.Registry.GetSnapshotAsync();

        await ProblemNamesField(await _http.PostAsync($"{Model}/versions", content), field);

        var after = await factory.Registry.GetSnapshotAsync();
        Assert.Equal(before.Revision, after.Revision);
        Assert.Null(after.Find(manifest.ModelVersion));
        Assert.Null(await Artifacts.GetAsync(ModelArtifact.Sha256Hex(onnx)));
        Assert.Null(await Artifacts.GetAsync(ModelArtifact.Sha256Hex(random)));
    }

    [Fact]
    public async Task An_upload_that_is_not_a_form_is_415()
    {
        await factory.ResetAsync();
        var response = await _http.PostAsync($"{Model}/versions", Json(TestModels.Trained(TestModels.NewVersion()).Manifest.ToJson()));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Split_promote_and_rollback_round_trip_with_their_history()
    {
        var seeded = await factory.SeededVersionAsync();
        await factory.ResetAsync();
        var version = TestModels.NewVersion("rt");
        Assert.Equal(HttpStatusCode.Created, (await _http.PostAsync($"{Model}/versions", Form(TestModels.Trained(version)))).StatusCode);

        var split = await _http.PutAsync($"{Model}/split", Json("""{"canaryShare":0.5,"reason":"more traffic"}"""));
        Assert.Equal(HttpStatusCode.OK, split.StatusCode);
        var afterSplit = await split.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0.5, afterSplit.GetProperty("canaryShare").GetDouble());
        Assert.Equal("split", LatestChange(afterSplit).GetProperty("action").GetString());
        Assert.Contains("more traffic", LatestChange(afterSplit).GetProperty("reason").GetString());

        var promote = await _http.PostAsync($"{Model}/promote", Json("""{"reason":"the canary converts better"}"""));
        Assert.Equal(HttpStatusCode.OK, promote.StatusCode);
        var afterPromote = await promote.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(version, afterPromote.GetProperty("labels").GetProperty("stable").GetString());
        Assert.Equal(JsonValueKind.Null, afterPromote.GetProperty("labels").GetProperty("canary").ValueKind);
        var promoted = LatestChange(afterPromote);
        Assert.Equal("promote", promoted.GetProperty("action").GetString());
        Assert.Equal(version, promoted.GetProperty("version").GetString());
        Assert.Equal(seeded, promoted.GetProperty("fromVersion").GetString());
        Assert.Equal("the canary converts better", promoted.GetProperty("reason").GetString());

        // Nothing to promote, no canary to give traffic to: the registry's state refuses (409), naming the field.
        await ProblemNamesField(await _http.PostAsync($"{Model}/promote", null), "version", HttpStatusCode.Conflict);
        await ProblemNamesField(await _http.PutAsync($"{Model}/split", Json("""{"canaryShare":0.3}""")), "canaryShare", HttpStatusCode.Conflict);
        await ProblemNamesField(await _http.PostAsync($"{Model}/promote", Json("""{"version":"no-such-version"}""")), "version");

        var rollback = await _http.PostAsync($"{Model}/rollback", Json("""{"reason":"regressed in production"}"""));
        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        var afterRollback = await rollback.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(seeded, afterRollback.GetProperty("labels").GetProperty("stable").GetString());
        var rolledBack = LatestChange(afterRollback);
        Assert.Equal("rollback", rolledBack.GetProperty("action").GetString());
        Assert.Equal(seeded, rolledBack.GetProperty("version").GetString());
        Assert.Equal(version, rolledBack.GetProperty("fromVersion").GetString());

        var history = (await DetailAsync()).GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()).Take(4);
        Assert.Equal(new[] { "rollback", "promote", "split", "register" }, history);
    }

    [Fact]
    public async Task Rollback_drops_a_canary_and_promote_names_a_version()
    {
        var seeded = await factory.SeededVersionAsync();
        await factory.ResetAsync();
        var version = TestModels.NewVersion("rb");
        Assert.Equal(HttpStatusCode.Created, (await _http.PostAsync($"{Model}/versions", Form(TestModels.Trained(version)))).StatusCode);

        var rollback = await _http.PostAsync($"{Model}/rollback", null);
        var dropped = await rollback.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        Assert.Equal(seeded, dropped.GetProperty("labels").GetProperty("stable").GetString());
        Assert.Equal(JsonValueKind.Null, dropped.GetProperty("labels").GetProperty("canary").ValueKind);
        Assert.Equal(version, LatestChange(dropped).GetProperty("fromVersion").GetString());
        Assert.Equal("retired", dropped.GetProperty("versions").EnumerateArray()
            .Single(v => v.GetProperty("version").GetString() == version).GetProperty("status").GetString());

        var promote = await _http.PostAsync($"{Model}/promote", Json($$"""{"version":"{{version}}"}"""));
        Assert.Equal(HttpStatusCode.OK, promote.StatusCode);
        Assert.Equal(version, (await promote.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("labels").GetProperty("stable").GetString());
        await ProblemNamesField(await _http.PostAsync($"{Model}/promote", Json($$"""{"version":"{{version}}"}""")), "version", HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("PUT", "/split", """{"canaryShare":1.5}""", "canaryShare")]
    [InlineData("PUT", "/split", """{"canaryShare":-0.1}""", "canaryShare")]
    [InlineData("PUT", "/split", """{"canaryShare":"0.2"}""", "canaryShare")]
    [InlineData("PUT", "/split", """{}""", "canaryShare")]
    [InlineData("PUT", "/split", """{"canary":0.2}""", "canary")]
    [InlineData("PUT", "/split", "", "body")]
    [InlineData("PUT", "/split", "[0.2]", "body")]
    [InlineData("POST", "/promote", """{"version":"bad version"}""", "version")]
    [InlineData("POST", "/promote", """{"version":"a","version":"b"}""", "version")]
    [InlineData("POST", "/rollback", """{"reason":"\u0000"}""", "reason")]
    [InlineData("POST", "/retrain", """{"reason":7}""", "reason")]
    public async Task Bad_commands_get_a_problem_naming_the_field_and_change_nothing(string method, string path, string body, string field)
    {
        await factory.ResetAsync();
        var before = await factory.Registry.GetSnapshotAsync();

        await ProblemNamesField(await _http.SendAsync(new HttpRequestMessage(new HttpMethod(method), Model + path) { Content = Json(body) }), field);

        Assert.Equal(before.Revision, (await factory.Registry.GetSnapshotAsync()).Revision);
    }

    public static TheoryData<string, string> AdminEndpoints => new()
    {
        { "GET", Models },
        { "GET", Model },
        { "POST", $"{Model}/versions" },
        { "PUT", $"{Model}/split" },
        { "POST", $"{Model}/promote" },
        { "POST", $"{Model}/rollback" },
        { "POST", $"{Model}/retrain" },
        { "GET", $"{Model}/experiments" },
    };

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task Every_model_endpoint_needs_the_admin_key(string method, string path)
    {
        var anonymous = factory.CreateClient();
        HttpRequestMessage Request() => new(new HttpMethod(method), path)
        {
            Content = method == "GET" ? null : path.EndsWith("/versions", StringComparison.Ordinal) ? Form([1, 2, 3], "{}") : Json("{}"),
        };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(Request())).StatusCode);

        var wrongKey = Request();
        wrongKey.Headers.Add("X-Api-Key", "not-the-admin-key-0123456789abcdef");
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.SendAsync(wrongKey)).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_model_endpoints()
    {
        var doc = await _http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/models", paths);
        Assert.Contains("/api/models/{name}", paths);
        Assert.Contains("/api/models/{name}/versions", paths);
        Assert.Contains("/api/models/{name}/experiments", paths);
        Assert.Contains("/v1/models/{name}", paths);
        Assert.Contains("/v1/models/{name}:predict", paths);
    }
}
