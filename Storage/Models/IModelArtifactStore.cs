using LeadRecs.Ranking.Model;

namespace LeadRecs.Storage.Models;

/// <summary>
/// Where model bytes and manifests live, addressed by the sha256 of the ONNX bytes. Content-addressed, so a
/// write is idempotent and an entry never changes: every silo that loads a hash loads the same model.
/// </summary>
public interface IModelArtifactStore
{
    /// <summary>Stores the artifact (nothing happens when its hash is already stored); durable on return.</summary>
    Task PutAsync(ModelArtifact artifact, CancellationToken cancellationToken = default);

    /// <summary>The artifact whose ONNX bytes hash to <paramref name="sha256"/>, or null.</summary>
    Task<ModelArtifact?> GetAsync(string sha256, CancellationToken cancellationToken = default);
}
