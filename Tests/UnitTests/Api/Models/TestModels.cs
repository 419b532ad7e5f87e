using LeadRecs.Ranking.Features.Schema;
using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Onnx;
using LeadRecs.UnitTests.Training;

namespace LeadRecs.UnitTests.Api.Models;

/// <summary>Models to upload: one trained by the project's trainer, and untrained ones of any schema, size or defect.</summary>
internal static class TestModels
{
    public static readonly DateTimeOffset CreatedAt = new(2026, 2, 21, 9, 30, 0, TimeSpan.Zero);

    private static int _seed = 100;

    /// <summary>The tiny trained model (latest schema) as version <paramref name="version"/> of "deep-ranker".</summary>
    public static ModelArtifact Trained(string version)
    {
        var trained = LeadModelFixture.Latest.Artifact;
        return ModelArtifact.Create(trained.OnnxBytes(), trained.Manifest with { ModelName = ModelApiFactory.Model, ModelVersion = version });
    }

    /// <summary>
    /// A freshly initialised network of <paramref name="schema"/> (a new seed each call, so its bytes are new), or one
    /// whose every weight is NaN.
    /// </summary>
    public static ModelArtifact Untrained(FeatureSchema schema, string version, IReadOnlyList<int>? hidden = null, bool nan = false)
    {
        var spec = schema.ToModelSpec(hidden ?? [8], Interlocked.Increment(ref _seed));
        var network = new RankingNetwork(spec);
        if (nan)
        {
            network = RankingNetwork.FromParameters(spec, Enumerable.Repeat(float.NaN, network.ParameterCount).ToArray());
        }
        return ModelArtifact.FromNetwork(
            network,
            new OnnxModelInfo(ModelApiFactory.Model, version, schema.Version),
            new TrainingDataSummary(0, 0, 0, 0),
            new Dictionary<string, double>(),
            CreatedAt);
    }

    public static string NewVersion(string prefix = "up") => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";
}
