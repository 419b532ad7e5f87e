using Orleans.Concurrency;

namespace LeadRecs.Grains.Interfaces.Models;

/// <summary>
/// The registry of one model name (the grain key): its versions, the stable and canary labels, the traffic
/// split and a history of every change with its reason. Readers keep a local snapshot that the registry pushes
/// to its observers, and poll <see cref="GetIfNewerAsync"/> as a fallback; no request calls this grain.
/// Bytes are not stored here: a version names its artifact by sha256 in the artifact store.
/// </summary>
public interface IModelRegistryGrain : IGrainWithStringKey
{
    public const string DefaultModelName = "deep-ranker";

    [AlwaysInterleave]
    Task<RegistrySnapshot> GetSnapshotAsync();

    /// <summary>The snapshot when its revision is above <paramref name="knownRevision"/>, else null.</summary>
    [AlwaysInterleave]
    Task<RegistrySnapshot?> GetIfNewerAsync(long knownRevision);

    /// <summary>
    /// Registers a version whose artifact is already in the store. The first version becomes stable; later ones
    /// become the canary at <paramref name="canaryShare"/> (a running canary is replaced). Registering the same
    /// version with the same bytes again changes nothing; with other bytes it is refused.
    /// </summary>
    Task<RegistryResult> RegisterAsync(ModelVersionEntry version, double canaryShare, string reason);

    /// <summary>Gives the canary <paramref name="canaryShare"/> of users (0 to 1).</summary>
    Task<RegistryResult> SetSplitAsync(double canaryShare, string reason);

    /// <summary>Makes <paramref name="version"/> (the canary when null) stable; the canary slot empties if it was promoted.</summary>
    Task<RegistryResult> PromoteAsync(string? version, string reason);

    /// <summary>Drops the canary when there is one; otherwise returns stable to the version that was stable before.</summary>
    Task<RegistryResult> RollbackAsync(string reason);

    Task SubscribeAsync(IModelRegistryObserver observer);
}
