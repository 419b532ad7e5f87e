namespace LeadRecs.Grains.Interfaces.Models;

/// <summary>
/// Scores raw model inputs with a live version, for the TensorFlow-Serving-compatible REST API. A stateless
/// worker on each silo, so it uses that silo's loaded sessions; the API process needs no ONNX Runtime.
/// </summary>
public interface IPredictionGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Scores <paramref name="rows"/> rows: <paramref name="dense"/> is row-major [rows, denseWidth] and
    /// <paramref name="categorical"/> [rows, categoricalCount] of the version's signature.
    /// </summary>
    Task<PredictionResult> PredictAsync(string modelName, string? version, string? label, float[] dense, long[] categorical, int rows);

    /// <summary>The signature of a live or registered version (null version and label: stable).</summary>
    Task<PredictionResult> DescribeAsync(string modelName, string? version, string? label);
}

/// <summary>Scores, or the reason there are none (unknown model/version: <see cref="NotFound"/>; bad shape: error).</summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.PredictionResult")]
public sealed record PredictionResult(
    [property: Id(0)] string ModelName,
    [property: Id(1)] string? Version,
    [property: Id(2)] string? SchemaVersion,
    [property: Id(3)] int DenseWidth,
    [property: Id(4)] int CategoricalCount,
    [property: Id(5)] IReadOnlyList<string> DenseFeatures,
    [property: Id(6)] IReadOnlyList<string> CategoricalFeatures,
    [property: Id(7)] float[]? Scores,
    [property: Id(8)] string? Error = null,
    [property: Id(9)] bool NotFound = false);
