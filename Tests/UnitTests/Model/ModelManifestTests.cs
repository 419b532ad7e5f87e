using System.Text.Json.Nodes;
using LeadRecs.Ranking.Drift;
using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Onnx;
using Xunit;

namespace LeadRecs.UnitTests.Model;

public sealed class ModelManifestTests
{
    private static ModelArtifact Artifact() => ModelArtifact.FromNetwork(
        new RankingNetwork(SyntheticData.TinySpec()),
        new OnnxModelInfo("lead-ranker", "7", "features-v1"),
        new TrainingDataSummary(1000, 120, 900, 100, DateTimeOffset.Parse("2026-01-01T00:00:00Z"), null, "interaction-log"),
        new Dictionary<string, double> { ["auc"] = 0.81, ["logLoss"] = 0.31, ["undefined"] = double.NaN },
        DateTimeOffset.Parse("2026-02-01T12:00:00Z"));

    [Fact]
    public void Manifest_round_trips_through_json()
    {
        var manifest = Artifact().Manifest;

        var json = manifest.ToJson();
        var back = ModelManifest.FromJson(json);

        Assert.Equal(json, back.ToJson());
        Assert.Contains("\"modelName\": \"lead-ranker\"", json);
        Assert.Equal(manifest.OnnxSha256, back.OnnxSha256);
        Assert.Equal(manifest.TrainingData, back.TrainingData);
        Assert.Equal(0.81, back.OfflineMetrics["auc"]);
        Assert.True(double.IsNaN(back.OfflineMetrics["undefined"]));
        Assert.Equal([-1L, 2L], back.Signature.Inputs[1].Shape);
        Assert.Equal(manifest.Spec, back.Spec);
        Assert.Equal(manifest.CreatedAt, back.CreatedAt);
    }

    [Fact]
    public void Sha256_is_computed_from_the_onnx_bytes_and_a_mismatch_is_refused()
    {
        var artifact = Artifact();
        var bytes = artifact.OnnxBytes();

        Assert.Equal(64, artifact.Manifest.OnnxSha256.Length);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), artifact.Manifest.OnnxSha256);
        bytes[^1] ^= 1;
        Assert.Throws<InvalidDataException>(() => new ModelArtifact(bytes, artifact.Manifest));
        Assert.Equal(ModelArtifact.Sha256Hex(bytes), ModelArtifact.Create(bytes, artifact.Manifest).Manifest.OnnxSha256);
    }

    [Fact]
    public async Task Artifact_saves_and_loads_from_a_directory()
    {
        var artifact = Artifact();
        var directory = Path.Combine(Path.GetTempPath(), "leadrecs-model-" + Guid.NewGuid().ToString("N"));
        try
        {
            await artifact.SaveAsync(directory);
            var loaded = await ModelArtifact.LoadAsync(directory);
            Assert.True(loaded.Onnx.Span.SequenceEqual(artifact.Onnx.Span));
            Assert.Equal(artifact.Manifest.ToJson(), loaded.Manifest.ToJson());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_manifest_written_before_baselines_existed_still_loads()
    {
        var json = JsonNode.Parse(Artifact().Manifest.ToJson())!.AsObject();
        json.Remove("baseline");
        Assert.DoesNotContain("baseline", json.ToJsonString());

        var manifest = ModelManifest.FromJson(json.ToJsonString());

        Assert.Null(manifest.Baseline);
        Assert.Equal("lead-ranker", manifest.ModelName);
    }

    [Fact]
    public void A_baseline_round_trips_inside_the_manifest()
    {
        var baseline = new FeatureBaseline("features-v1", 100, [new FeatureBins("lead.log_price", 15, [-0.5, 0.0, 0.5], [0.2, 0.3, 0.3, 0.2])]);
        var manifest = Artifact().Manifest with { Baseline = baseline };

        var back = ModelManifest.FromJson(manifest.ToJson());

        Assert.Contains("\"baseline\": {", manifest.ToJson());
        var bins = Assert.Single(back.Baseline!.Features);
        Assert.Equal(("lead.log_price", 15), (bins.Name, bins.Column));
        Assert.Equal([-0.5, 0.0, 0.5], bins.Edges);
        Assert.Equal([0.2, 0.3, 0.3, 0.2], bins.ExpectedShares);
        Assert.Equal(100, back.Baseline.Rows);
    }
}
