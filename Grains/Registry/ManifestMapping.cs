using LeadRecs.Grains.Interfaces.Models;
using LeadRecs.Ranking.Model;

namespace LeadRecs.Grains.Registry;

public static class ManifestMapping
{
    /// <summary>The registry's entry for an artifact's manifest; non-finite metrics are left out (they do not serialise).</summary>
    public static ModelVersionEntry ToVersionEntry(this ModelManifest manifest, DateTimeOffset registeredAt, string source) => new(
        manifest.ModelVersion,
        manifest.OnnxSha256.ToLowerInvariant(),
        manifest.SchemaVersion,
        manifest.CreatedAt,
        registeredAt,
        manifest.OfflineMetrics.Where(m => double.IsFinite(m.Value)).ToDictionary(m => m.Key, m => m.Value),
        source);
}
