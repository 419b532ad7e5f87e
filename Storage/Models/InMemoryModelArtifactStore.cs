using System.Collections.Concurrent;
using LeadRecs.Ranking.Model;

namespace LeadRecs.Storage.Models;

/// <summary>The artifact store of the embedded (no-server) mode: one process, gone when it ends.</summary>
public sealed class InMemoryModelArtifactStore : IModelArtifactStore
{
    private readonly ConcurrentDictionary<string, ModelArtifact> _artifacts = new(StringComparer.OrdinalIgnoreCase);

    public Task PutAsync(ModelArtifact artifact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        _artifacts.TryAdd(artifact.Manifest.OnnxSha256, artifact);
        return Task.CompletedTask;
    }

    public Task<ModelArtifact?> GetAsync(string sha256, CancellationToken cancellationToken = default) =>
        Task.FromResult(_artifacts.GetValueOrDefault(sha256));
}
