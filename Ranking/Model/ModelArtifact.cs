using System.Security.Cryptography;
using LeadRecs.Ranking.Drift;
using LeadRecs.Ranking.Onnx;

namespace LeadRecs.Ranking.Model;

/// <summary>
/// A deployable model: ONNX bytes plus a manifest whose hash matches them. The constructor refuses a
/// mismatch, so an artifact in hand is always self-consistent.
/// </summary>
public sealed class ModelArtifact
{
    public const string OnnxFileName = "model.onnx";
    public const string ManifestFileName = "manifest.json";

    private readonly byte[] _onnx;

    public ModelArtifact(byte[] onnx, ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(onnx);
        ArgumentNullException.ThrowIfNull(manifest);
        var actual = Sha256Hex(onnx);
        if (!string.Equals(actual, manifest.OnnxSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"ONNX bytes hash to {actual}, the manifest says {manifest.OnnxSha256}.");
        }

        _onnx = onnx;
        Manifest = manifest;
    }

    public ReadOnlyMemory<byte> Onnx => _onnx;

    public ModelManifest Manifest { get; }

    /// <summary>Pairs bytes with a manifest, filling in the manifest's hash from the bytes.</summary>
    public static ModelArtifact Create(byte[] onnx, ModelManifest manifest) =>
        new(onnx, manifest with { OnnxSha256 = Sha256Hex(onnx) });

    /// <summary>Exports a trained network and describes it.</summary>
    public static ModelArtifact FromNetwork(
        RankingNetwork network,
        OnnxModelInfo info,
        TrainingDataSummary trainingData,
        IReadOnlyDictionary<string, double> offlineMetrics,
        DateTimeOffset createdAt,
        FeatureBaseline? baseline = null)
    {
        var onnx = OnnxModelWriter.Write(network, info);
        var manifest = new ModelManifest(
            info.ModelName,
            info.ModelVersion,
            info.SchemaVersion,
            ModelSignature.For(network.Spec),
            trainingData,
            offlineMetrics,
            Sha256Hex(onnx),
            createdAt,
            network.Spec,
            baseline);
        return new ModelArtifact(onnx, manifest);
    }

    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A copy of the ONNX bytes (the artifact keeps its own immutable).</summary>
    public byte[] OnnxBytes() => (byte[])_onnx.Clone();

    public async Task SaveAsync(string directory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(Path.Combine(directory, OnnxFileName), _onnx, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, ManifestFileName), Manifest.ToJson(), cancellationToken);
    }

    public static async Task<ModelArtifact> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        var onnx = await File.ReadAllBytesAsync(Path.Combine(directory, OnnxFileName), cancellationToken);
        var json = await File.ReadAllTextAsync(Path.Combine(directory, ManifestFileName), cancellationToken);
        return new ModelArtifact(onnx, ModelManifest.FromJson(json));
    }
}
