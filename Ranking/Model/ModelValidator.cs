using System.Text.Json;
using LeadRecs.Ranking.Features.Schema;
using LeadRecs.Ranking.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace LeadRecs.Ranking.Model;

/// <summary>
/// Checks an uploaded model (ONNX bytes + manifest JSON) before the registry accepts it, and reports every problem
/// found as (field, message) rather than an exception, so an admin API can answer 400 naming the fields.
/// </summary>
/// <remarks>
/// Checks: the manifest parses and names model, version and schema; it carries what cannot be derived from the bytes
/// (training data summary, creation time); <c>onnxSha256</c> matches the bytes; ONNX Runtime loads them with the
/// <see cref="OnnxSignature"/>; the input widths are those of the named feature schema (and of the manifest's
/// signature, spec and drift baseline when present); a seeded probe batch of <see cref="ProbeRows"/> rows scores to finite
/// numbers. What can be derived from the bytes is filled in when the manifest omits it: <c>onnxSha256</c> (an uploader
/// need not hash) and <c>signature</c>; absent <c>offlineMetrics</c> become an empty set (a model trained elsewhere may
/// have none). Present values are checked, never overwritten.
/// </remarks>
public static class ModelValidator
{
    public const string OnnxField = "onnx";
    public const string ManifestField = "manifest";
    public const string SchemaVersionField = "manifest.schemaVersion";

    public const int ProbeRows = 64;

    private const int ProbeSeed = 20260301;
    private const int MaxMessageLength = 240;

    public static ModelValidation Validate(byte[] onnx, string manifestJson)
    {
        var errors = new List<ModelValidationError>();
        void Error(string field, string message) => errors.Add(new ModelValidationError(field, message));

        if (onnx is null || onnx.Length == 0)
        {
            Error(OnnxField, "is empty");
        }
        var manifest = ParseManifest(manifestJson, Error);
        if (manifest is null)
        {
            return ModelValidation.Invalid(errors);
        }

        var bytes = onnx is { Length: > 0 } ? (byte[])onnx.Clone() : null; // the upload buffer may be reused by the caller
        var sha256 = bytes is null ? null : ModelArtifact.Sha256Hex(bytes);
        if (sha256 is not null && !string.IsNullOrWhiteSpace(manifest.OnnxSha256)
            && !string.Equals(sha256, manifest.OnnxSha256, StringComparison.OrdinalIgnoreCase))
        {
            Error("manifest.onnxSha256", $"does not match the ONNX bytes (their sha256 is {sha256})");
        }

        var schema = SchemaOf(manifest, Error);
        var signature = bytes is null ? null : Inspect(bytes, manifest, schema, Error);
        if (errors.Count > 0 || bytes is null || signature is null)
        {
            return ModelValidation.Invalid(errors);
        }

        var complete = manifest with
        {
            OnnxSha256 = sha256!,
            Signature = manifest.Signature ?? signature,
            OfflineMetrics = manifest.OfflineMetrics ?? new Dictionary<string, double>(),
        };
        return ModelValidation.Valid(new ModelArtifact(bytes, complete));
    }

    private static ModelManifest? ParseManifest(string manifestJson, Action<string, string> error)
    {
        if (string.IsNullOrWhiteSpace(manifestJson))
        {
            error(ManifestField, "is empty");
            return null;
        }

        ModelManifest manifest;
        try
        {
            manifest = ModelManifest.FromJson(manifestJson);
        }
        catch (JsonException e)
        {
            error(ManifestField, "is not a valid manifest: " + Short(e.Message));
            return null;
        }

        var complete = true;
        void Require(bool present, string field)
        {
            if (!present)
            {
                error(field, "is required");
                complete = false;
            }
        }
        Require(!string.IsNullOrWhiteSpace(manifest.ModelName), "manifest.modelName");
        Require(!string.IsNullOrWhiteSpace(manifest.ModelVersion), "manifest.modelVersion");
        Require(!string.IsNullOrWhiteSpace(manifest.SchemaVersion), SchemaVersionField);
        Require(manifest.TrainingData is not null, "manifest.trainingData");
        Require(manifest.CreatedAt != default, "manifest.createdAt");
        return complete ? manifest : null;
    }

    private static FeatureSchema? SchemaOf(ModelManifest manifest, Action<string, string> error)
    {
        if (FeatureSchemas.TryGet(manifest.SchemaVersion, out var schema))
        {
            return schema;
        }
        error(SchemaVersionField, $"'{manifest.SchemaVersion}' is not a feature schema this build knows ({string.Join(", ", FeatureSchemas.All.Select(s => s.Version))})");
        return null;
    }

    /// <summary>Loads the bytes, checks them against the schema and the manifest, probes them; returns their signature.</summary>
    private static ModelSignature? Inspect(byte[] bytes, ModelManifest manifest, FeatureSchema? schema, Action<string, string> error)
    {
        OnnxScorer scorer;
        try
        {
            scorer = new OnnxScorer(bytes, ProbeRows);
        }
        catch (Exception e) when (e is OnnxRuntimeException or ArgumentException)
        {
            error(OnnxField, "ONNX Runtime cannot serve it: " + Short(e.Message));
            return null;
        }

        using (scorer)
        {
            var signature = ModelSignature.For(scorer.DenseWidth, scorer.CategoricalCount);
            var schemaFits = schema is not null && schema.DenseWidth == scorer.DenseWidth && schema.CategoricalCount == scorer.CategoricalCount;
            if (schema is not null && !schemaFits)
            {
                error(SchemaVersionField, $"schema {schema.Version} has {schema.DenseWidth} dense and {schema.CategoricalCount} categorical inputs; "
                    + $"the ONNX model takes {scorer.DenseWidth} and {scorer.CategoricalCount}");
            }
            if (scorer.Metadata.TryGetValue(OnnxSignature.SchemaVersionKey, out var onnxSchema) && onnxSchema != manifest.SchemaVersion)
            {
                error(SchemaVersionField, $"is '{manifest.SchemaVersion}' but the ONNX metadata says '{onnxSchema}'");
            }
            if (manifest.Signature is not null && !manifest.Signature.Describes(signature))
            {
                error("manifest.signature", $"does not describe the ONNX inputs dense[N, {scorer.DenseWidth}], categorical[N, {scorer.CategoricalCount}] and output score[N, 1]");
            }
            if (manifest.Spec is { } spec && (spec.DenseWidth != scorer.DenseWidth || spec.CategoricalCount != scorer.CategoricalCount))
            {
                error("manifest.spec", $"has {spec.DenseWidth} dense and {spec.CategoricalCount} categorical inputs; the ONNX model takes {scorer.DenseWidth} and {scorer.CategoricalCount}");
            }
            if (manifest.Baseline is { } baseline && schema is not null)
            {
                try
                {
                    baseline.Validate(schema);
                }
                catch (InvalidDataException e)
                {
                    error("manifest.baseline", Short(e.Message));
                }
            }

            Probe(scorer, schemaFits ? schema : null, error);
            return signature;
        }
    }

    /// <summary>Seeded random rows (the first all zeros, as for a new user) with valid ids must score to finite numbers.</summary>
    private static void Probe(OnnxScorer scorer, FeatureSchema? schema, Action<string, string> error)
    {
        var random = new Random(ProbeSeed);
        var dense = new float[ProbeRows * scorer.DenseWidth];
        var ids = new int[ProbeRows * scorer.CategoricalCount];
        for (var i = scorer.DenseWidth; i < dense.Length; i++)
        {
            dense[i] = (float)(random.NextDouble() * 6 - 3); // the documented feature scales stay within about ±3
        }
        for (var i = scorer.CategoricalCount; i < ids.Length; i++)
        {
            // Without a matching schema the vocabularies are unknown, so only the always-valid unknown id 0 is used.
            ids[i] = schema is null ? 0 : random.Next(schema.Categorical[i % scorer.CategoricalCount].VocabularySize);
        }

        var scores = new float[ProbeRows];
        try
        {
            scorer.Score(dense, ids, ProbeRows, scores);
        }
        catch (OnnxRuntimeException e)
        {
            error(OnnxField, "fails on a probe batch: " + Short(e.Message));
            return;
        }

        var bad = scores.Count(s => !float.IsFinite(s));
        if (bad > 0)
        {
            error(OnnxField, $"scores {bad} of {ProbeRows} probe rows as NaN or infinity");
        }
    }

    /// <summary>The first line of a library message, bounded: the caller sees what went wrong, never a stack or a dump.</summary>
    private static string Short(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= MaxMessageLength ? line : line[..MaxMessageLength] + "…";
    }
}
