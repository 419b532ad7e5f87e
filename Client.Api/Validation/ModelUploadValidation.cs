using LeadRecs.Ranking.Model;

namespace LeadRecs.Client.Api.Validation;

/// <summary>An uploaded version: the artifact to store and register, or the fields that are wrong with it.</summary>
public sealed record ModelUploadCheck(ModelArtifact? Artifact, FieldErrors Errors);

/// <summary>
/// Checks an uploaded ONNX file and its manifest before anything is stored. <see cref="ModelValidator"/> does the
/// model's checks (the manifest reads and is complete, the hash matches, ONNX Runtime loads the file with the LeadRecs
/// signature, its widths are those of a known feature schema, a probe batch scores to finite numbers); this adds the
/// API's id rules for the version and name, and speaks of the form's parts: the validator's <c>onnx</c> is the
/// <c>model</c> part here, <c>manifest.*</c> fields keep their names.
/// </summary>
public static class ModelUploadValidation
{
    public const string ModelField = "model";
    public const string ManifestField = ModelValidator.ManifestField;

    public static ModelUploadCheck Validate(byte[] onnx, string manifestJson)
    {
        var errors = new FieldErrors();
        var validation = ModelValidator.Validate(onnx, manifestJson);
        foreach (var error in validation.Errors)
        {
            errors.Add(error.Field == ModelValidator.OnnxField ? ModelField : error.Field, Sentence(error.Message));
        }
        if (validation.Artifact is { Manifest: var manifest })
        {
            Check.Id(errors, $"{ManifestField}.modelVersion", manifest.ModelVersion);
            Check.Id(errors, $"{ManifestField}.modelName", manifest.ModelName);
        }
        return new ModelUploadCheck(errors.Any ? null : validation.Artifact, errors);
    }

    /// <summary>The validator's messages are fragments ("is empty"); problem details here are sentences.</summary>
    private static string Sentence(string message) => message.EndsWith('.') || message.EndsWith('…') ? message : message + ".";
}
