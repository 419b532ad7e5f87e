using System.Text.Json;
using System.Text.Json.Serialization;
using LeadRecs.Ranking.Drift;

namespace LeadRecs.Ranking.Model;

/// <summary>
/// Everything the registry needs to know about a model version besides its bytes. <see cref="OnnxSha256"/>
/// (lower-case hex) ties the manifest to exactly one ONNX file; see <see cref="ModelArtifact"/>.
/// </summary>
/// <param name="Baseline">
/// The training distribution of key features, for drift monitoring; null for models trained before it existed or
/// elsewhere. Optional and last, so older manifests still load.
/// </param>
public sealed record ModelManifest(
    string ModelName,
    string ModelVersion,
    string SchemaVersion,
    ModelSignature Signature,
    TrainingDataSummary TrainingData,
    IReadOnlyDictionary<string, double> OfflineMetrics,
    string OnnxSha256,
    DateTimeOffset CreatedAt,
    ModelSpec? Spec = null,
    FeatureBaseline? Baseline = null)
{
    // camelCase like the HTTP API; NaN allowed because a metric can be undefined (AUC with one class).
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static ModelManifest FromJson(string json) =>
        JsonSerializer.Deserialize<ModelManifest>(json, JsonOptions) ?? throw new JsonException("Manifest JSON is null.");
}
