using System.Text.Json;
using System.Text.Json.Serialization;
using LeadRecs.Ranking.Features.Schema;
using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace LeadRecs.Client.Api.Validation;

/// <summary>An uploaded version: the artifact to store and register, or the fields that are wrong with it.</summary>
public sealed record ModelUploadCheck(ModelArtifact? Artifact, FieldErrors Errors);

/// <summary>
/// Checks an uploaded ONNX file and its manifest before anything is stored: the manifest reads and names a version
/// and a feature schema this build knows, ONNX Runtime loads the file with the LeadRecs signature, its widths are
/// the schema's, and a probe batch scores to finite numbers. Field names are the form's parts (<c>model</c>,
/// <c>manifest</c>) and the manifest's members (<c>manifest.schemaVersion</c>, ...).
/// </summary>
public static class ModelUploadValidation
{
    public const string ModelField = "model";
    public const string ManifestField = "manifest";

    private const int ProbeRows = 16;

    // The manifest is a file format written by our trainer (NaN metrics included) or by hand for an external model:
    // members this build does not know are ignored, repeated ones are refused.
    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        AllowDuplicateProperties = false,
        MaxDepth = 32,
    };

    public static ModelUploadCheck Validate(byte[] onnx, string manifestJson, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(onnx);
        ArgumentNullException.ThrowIfNull(manifestJson);
        var errors = new FieldErrors();
        var manifest = ReadManifest(errors, manifestJson);
        if (manifest is null)
        {
            return new ModelUploadCheck(null, errors);
        }

        Check.Id(errors, $"{ManifestField}.modelName", manifest.ModelName);
        Check.Id(errors, $"{ManifestField}.modelVersion", manifest.ModelVersion);
        FeatureSchema? schema = null;
        if (manifest.SchemaVersion is null)
        {
            errors.Add($"{ManifestField}.schemaVersion", "is required.");
        }
        else if (!FeatureSchemas.TryGet(manifest.SchemaVersion, out schema))
        {
            errors.Add($"{ManifestField}.schemaVersion",
                $"names no feature schema this service knows (known: {string.Join(", ", FeatureSchemas.All.Select(s => s.Version))}).");
        }
        var sha256 = ModelArtifact.Sha256Hex(onnx);
        if (!string.IsNullOrEmpty(manifest.OnnxSha256) && !string.Equals(manifest.OnnxSha256, sha256, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{ManifestField}.onnxSha256", $"does not match the uploaded model, whose sha256 is {sha256}.");
        }
        if (onnx.Length == 0)
        {
            errors.Add(ModelField, "is empty.");
            return new ModelUploadCheck(null, errors);
        }

        using var scorer = Load(errors, onnx);
        if (scorer is null)
        {
            return new ModelUploadCheck(null, errors);
        }
        if (schema is not null && (scorer.DenseWidth != schema.DenseWidth || scorer.CategoricalCount != schema.CategoricalCount))
        {
            errors.Add($"{ManifestField}.schemaVersion",
                $"schema {schema.Version} has {schema.DenseWidth} dense and {schema.CategoricalCount} categorical inputs; "
                + $"the model takes {scorer.DenseWidth} and {scorer.CategoricalCount}.");
        }
        var actual = new ModelSignature(
            [
                new TensorSignature(OnnxSignature.DenseInput, "float", [-1, scorer.DenseWidth]),
                new TensorSignature(OnnxSignature.CategoricalInput, "int64", [-1, scorer.CategoricalCount]),
            ],
            [new TensorSignature(OnnxSignature.ScoreOutput, "float", [-1, 1])]);
        if (manifest.Signature is { } declared && !SameShapes(declared, actual))
        {
            errors.Add($"{ManifestField}.signature",
                $"does not describe the model, which takes dense float[-1, {scorer.DenseWidth}] and categorical int64[-1, {scorer.CategoricalCount}] and outputs score float[-1, 1].");
        }
        if (!ScoresFinite(scorer))
        {
            errors.Add(ModelField, "scores a probe batch to numbers that are not finite (NaN or infinity).");
        }
        if (errors.Any)
        {
            return new ModelUploadCheck(null, errors);
        }

        var normalised = manifest with
        {
            Signature = actual,
            OfflineMetrics = manifest.OfflineMetrics ?? new Dictionary<string, double>(),
            TrainingData = manifest.TrainingData ?? new TrainingDataSummary(0, 0, 0, 0),
            CreatedAt = manifest.CreatedAt == default ? now : manifest.CreatedAt,
        };
        return new ModelUploadCheck(ModelArtifact.Create(onnx, normalised), errors);
    }

    private static ModelManifest? ReadManifest(FieldErrors errors, string json)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<ModelManifest>(json, ManifestJson);
            if (manifest is null)
            {
                errors.Add(ManifestField, "must be a JSON object, not null.");
            }
            return manifest;
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 1 } p ? $"{ManifestField}.{p.TrimStart('$', '.')}" : ManifestField;
            errors.Add(path, "is not a valid model manifest (JSON of the shape of the trainer's manifest.json).");
            return null;
        }
    }

    private static OnnxScorer? Load(FieldErrors errors, byte[] onnx)
    {
        try
        {
            return new OnnxScorer(onnx, ProbeRows);
        }
        catch (OnnxRuntimeException)
        {
            errors.Add(ModelField, "is not a model ONNX Runtime can load.");
        }
        catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException or InvalidDataException or NotSupportedException)
        {
            errors.Add(ModelField,
                $"does not have the LeadRecs signature: inputs {OnnxSignature.DenseInput} float[N, D] and {OnnxSignature.CategoricalInput} int64[N, C], "
                + $"output {OnnxSignature.ScoreOutput} float[N, 1].");
        }
        return null;
    }

    private static bool SameShapes(ModelSignature declared, ModelSignature actual)
    {
        static string Key(IEnumerable<TensorSignature>? tensors) => tensors is null
            ? ""
            : string.Join(";", tensors.OrderBy(t => t?.Name, StringComparer.Ordinal)
                .Select(t => $"{t?.Name}:{t?.ElementType}:{string.Join(",", t?.Shape ?? [])}"));
        return Key(declared.Inputs) == Key(actual.Inputs) && Key(declared.Outputs) == Key(actual.Outputs);
    }

    /// <summary>Zeros, ones and deterministic values of the order features have, with small category ids.</summary>
    private static bool ScoresFinite(OnnxScorer scorer)
    {
        var random = new Random(20260220);
        var dense = new float[ProbeRows * scorer.DenseWidth];
        var categorical = new int[ProbeRows * scorer.CategoricalCount];
        for (var r = 0; r < ProbeRows; r++)
        {
            for (var j = 0; j < scorer.DenseWidth; j++)
            {
                dense[r * scorer.DenseWidth + j] = r switch { 0 => 0f, 1 => 1f, _ => (float)(random.NextDouble() * 8 - 4) };
            }
            for (var j = 0; j < scorer.CategoricalCount; j++)
            {
                categorical[r * scorer.CategoricalCount + j] = r % 8;
            }
        }
        var scores = new float[ProbeRows];
        try
        {
            scorer.Score(dense, categorical, ProbeRows, scores);
        }
        catch (OnnxRuntimeException)
        {
            return false;
        }
        return scores.All(float.IsFinite);
    }
}
