using System.Text.Json.Nodes;
using LeadRecs.Ranking.Features.Schema;
using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Onnx;
using LeadRecs.UnitTests.Training;

namespace LeadRecs.UnitTests.Model;

public sealed class ModelValidatorTests
{
    private static readonly DateTimeOffset CreatedAt = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>An untrained network of <paramref name="schema"/>'s shape, its parameters optionally replaced.</summary>
    private static ModelArtifact Untrained(FeatureSchema schema, float? everyParameter = null)
    {
        var network = new RankingNetwork(schema.ToModelSpec([8]));
        if (everyParameter is { } value)
        {
            var parameters = new float[network.ParameterCount];
            Array.Fill(parameters, value);
            network = RankingNetwork.FromParameters(network.Spec, parameters);
        }
        return ModelArtifact.FromNetwork(
            network, new OnnxModelInfo("probe", "1", schema.Version), new TrainingDataSummary(10, 1, 9, 1), new Dictionary<string, double>(), CreatedAt);
    }

    private static ModelValidation Validate(ModelArtifact artifact, Func<ModelManifest, ModelManifest>? edit = null) =>
        ModelValidator.Validate(artifact.OnnxBytes(), (edit?.Invoke(artifact.Manifest) ?? artifact.Manifest).ToJson());

    private static string WithoutProperties(ModelManifest manifest, params string[] names)
    {
        var json = JsonNode.Parse(manifest.ToJson())!.AsObject();
        foreach (var name in names)
        {
            Assert.True(json.Remove(name), name);
        }
        return json.ToJsonString();
    }

    private static void AssertOnlyError(ModelValidation validation, string field, string messagePart)
    {
        Assert.False(validation.IsValid);
        Assert.Null(validation.Artifact);
        var error = Assert.Single(validation.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(messagePart, error.Message);
    }

    [Fact]
    public void A_trained_model_is_valid_and_keeps_its_manifest()
    {
        var trained = LeadModelFixture.Latest.Artifact;

        var validation = Validate(trained);

        Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
        Assert.Empty(validation.Errors);
        Assert.Equal(trained.Manifest.ToJson(), validation.Artifact!.Manifest.ToJson());
        Assert.True(validation.Artifact.Onnx.Span.SequenceEqual(trained.Onnx.Span));
    }

    [Fact]
    public void A_missing_hash_and_signature_are_filled_in_from_the_bytes()
    {
        var artifact = Untrained(FeatureSchemas.V1);
        var json = WithoutProperties(artifact.Manifest, "onnxSha256", "signature", "offlineMetrics", "spec");

        var validation = ModelValidator.Validate(artifact.OnnxBytes(), json);

        Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
        var manifest = validation.Artifact!.Manifest;
        Assert.Equal(artifact.Manifest.OnnxSha256, manifest.OnnxSha256);
        Assert.True(manifest.Signature.Describes(ModelSignature.For(FeatureSchemas.V1.DenseWidth, FeatureSchemas.V1.CategoricalCount)));
        Assert.Empty(manifest.OfflineMetrics);
    }

    [Fact]
    public void Random_bytes_are_refused_with_a_short_message_on_onnx()
    {
        var garbage = new byte[4096];
        new Random(1).NextBytes(garbage);
        var manifest = Untrained(FeatureSchemas.V1).Manifest with { OnnxSha256 = "" };

        var validation = ModelValidator.Validate(garbage, manifest.ToJson());

        AssertOnlyError(validation, ModelValidator.OnnxField, "ONNX Runtime cannot serve it");
        var message = validation.Errors[0].Message;
        Assert.True(message.Length < 260, message);
        Assert.DoesNotContain("\n", message);
        Assert.DoesNotContain(" at ", message);
    }

    [Fact]
    public void A_model_that_scores_nan_is_refused()
    {
        var validation = Validate(Untrained(FeatureSchemas.V1, everyParameter: float.NaN));

        AssertOnlyError(validation, ModelValidator.OnnxField, $"scores {ModelValidator.ProbeRows} of {ModelValidator.ProbeRows} probe rows as NaN or infinity");
    }

    [Fact]
    public void A_model_labelled_with_the_wrong_or_an_unknown_schema_is_refused()
    {
        var v1 = Untrained(FeatureSchemas.V1);

        var mislabelled = Validate(v1, m => m with { SchemaVersion = "v2", Spec = null });
        var unknown = Validate(v1, m => m with { SchemaVersion = "v99" });

        Assert.False(mislabelled.IsValid);
        Assert.All(mislabelled.Errors, e => Assert.Equal(ModelValidator.SchemaVersionField, e.Field));
        Assert.Contains(mislabelled.Errors, e => e.Message.Contains("schema v2 has 45 dense and 3 categorical inputs; the ONNX model takes 28 and 3"));
        Assert.Contains(mislabelled.Errors, e => e.Message.Contains("the ONNX metadata says 'v1'"));
        Assert.Contains(unknown.Errors, e => e.Field == ModelValidator.SchemaVersionField && e.Message.Contains("'v99' is not a feature schema this build knows (v1, v2, v3)"));
    }

    [Fact]
    public void A_hash_that_does_not_match_is_refused()
    {
        var validation = Validate(Untrained(FeatureSchemas.V1), m => m with { OnnxSha256 = new string('0', 64) });

        AssertOnlyError(validation, "manifest.onnxSha256", "does not match the ONNX bytes");
    }

    [Fact]
    public void A_manifest_that_does_not_parse_or_misses_required_fields_is_refused()
    {
        var artifact = Untrained(FeatureSchemas.V1);

        AssertOnlyError(ModelValidator.Validate(artifact.OnnxBytes(), "{ not json"), ModelValidator.ManifestField, "is not a valid manifest");
        AssertOnlyError(ModelValidator.Validate(artifact.OnnxBytes(), ""), ModelValidator.ManifestField, "is empty");
        var missing = ModelValidator.Validate(artifact.OnnxBytes(), WithoutProperties(artifact.Manifest, "modelName", "trainingData", "createdAt"));
        Assert.Equal(["manifest.modelName", "manifest.trainingData", "manifest.createdAt"], missing.Errors.Select(e => e.Field));
        AssertOnlyError(ModelValidator.Validate([], artifact.Manifest.ToJson()), ModelValidator.OnnxField, "is empty");
    }

    [Fact]
    public void A_signature_or_spec_that_contradicts_the_bytes_is_refused()
    {
        var v1 = Untrained(FeatureSchemas.V1);
        var v2Shape = Untrained(FeatureSchemas.V2).Manifest;

        var signature = Validate(v1, m => m with { Signature = v2Shape.Signature });
        var spec = Validate(v1, m => m with { Spec = v2Shape.Spec });

        AssertOnlyError(signature, "manifest.signature", "dense[N, 28]");
        AssertOnlyError(spec, "manifest.spec", "has 45 dense");
    }

    [Fact]
    public void A_baseline_of_another_schema_is_refused()
    {
        var v3Baseline = LeadModelFixture.Latest.Artifact.Manifest.Baseline;
        Assert.NotNull(v3Baseline);

        var validation = Validate(Untrained(FeatureSchemas.V1), m => m with { Baseline = v3Baseline });

        AssertOnlyError(validation, "manifest.baseline", "schema v3");
    }
}
