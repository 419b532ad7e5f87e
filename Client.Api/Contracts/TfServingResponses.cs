using System.Globalization;
using System.Text.Json.Serialization;

namespace LeadRecs.Client.Api.Contracts;

// The JSON of TensorFlow Serving's REST API (snake_case, int64 as strings as proto3 JSON writes them), so that an
// existing TF Serving client reads our answers unchanged.

/// <summary>The answer of <c>GET /v1/models/{name}[/versions/{v}|/labels/{l}]</c>.</summary>
public sealed record TfModelStatusResponse(
    [property: JsonPropertyName("model_version_status")] IReadOnlyList<TfVersionStatus> ModelVersionStatus);

/// <summary>One version's state: <c>AVAILABLE</c> (serving), <c>LOADING</c> (live, not loaded yet) or <c>END</c> (not served).</summary>
public sealed record TfVersionStatus(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("status")] TfStatus Status)
{
    public const string Available = "AVAILABLE";
    public const string Loading = "LOADING";
    public const string End = "END";
}

public sealed record TfStatus(
    [property: JsonPropertyName("error_code")] string ErrorCode,
    [property: JsonPropertyName("error_message")] string ErrorMessage)
{
    public static readonly TfStatus Ok = new("OK", "");
}

/// <summary>The answer of <c>GET /v1/models/{name}[/versions/{v}|/labels/{l}]/metadata</c>.</summary>
public sealed record TfMetadataResponse(
    [property: JsonPropertyName("model_spec")] TfModelSpec ModelSpec,
    [property: JsonPropertyName("metadata")] TfMetadata Metadata);

public sealed record TfModelSpec(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("signature_name")] string SignatureName,
    [property: JsonPropertyName("version")] string Version);

public sealed record TfMetadata(
    [property: JsonPropertyName("signature_def")] TfSignatureDefMap SignatureDef);

public sealed record TfSignatureDefMap(
    [property: JsonPropertyName("signature_def")] IReadOnlyDictionary<string, TfSignatureDef> SignatureDef);

public sealed record TfSignatureDef(
    [property: JsonPropertyName("inputs")] IReadOnlyDictionary<string, TfTensorInfo> Inputs,
    [property: JsonPropertyName("outputs")] IReadOnlyDictionary<string, TfTensorInfo> Outputs,
    [property: JsonPropertyName("method_name")] string MethodName)
{
    public const string DefaultName = "serving_default";
    public const string PredictMethod = "tensorflow/serving/predict";
}

public sealed record TfTensorInfo(
    [property: JsonPropertyName("dtype")] string Dtype,
    [property: JsonPropertyName("tensor_shape")] TfTensorShape TensorShape,
    [property: JsonPropertyName("name")] string Name)
{
    public const string Float = "DT_FLOAT";
    public const string Int64 = "DT_INT64";

    /// <summary>A [batch, width] tensor; the batch dimension is -1 (any).</summary>
    public static TfTensorInfo Matrix(string name, string dtype, long width) =>
        new(dtype, new TfTensorShape([TfDim.Of(-1), TfDim.Of(width)], false), name);
}

public sealed record TfTensorShape(
    [property: JsonPropertyName("dim")] IReadOnlyList<TfDim> Dim,
    [property: JsonPropertyName("unknown_rank")] bool UnknownRank);

public sealed record TfDim(
    [property: JsonPropertyName("size")] string Size,
    [property: JsonPropertyName("name")] string Name)
{
    public static TfDim Of(long size) => new(size.ToString(CultureInfo.InvariantCulture), "");
}

/// <summary>The answer of <c>:predict</c> to the row format (<c>instances</c>): one <c>[score]</c> per instance.</summary>
public sealed record TfPredictionsResponse([property: JsonPropertyName("predictions")] IReadOnlyList<float[]> Predictions);

/// <summary>The answer of <c>:predict</c> to the columnar format (<c>inputs</c>): the <c>score</c> tensor, [rows, 1].</summary>
public sealed record TfOutputsResponse([property: JsonPropertyName("outputs")] IReadOnlyList<float[]> Outputs);

/// <summary>Every TF Serving error: a status (400, 404, ...) and this body.</summary>
public sealed record TfErrorResponse([property: JsonPropertyName("error")] string Error);
