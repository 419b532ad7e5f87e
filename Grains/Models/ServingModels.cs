using LeadRecs.Grains.Interfaces.Models;
using LeadRecs.Grains.Registry;
using LeadRecs.Ranking.Experiments;
using LeadRecs.Ranking.Scoring;
using LeadRecs.Storage.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadRecs.Grains.Models;

/// <summary>
/// This silo's copy of the registry: the loaded ONNX sessions of the live versions (stable, canary) and the split
/// between them. A new snapshot's versions are loaded and warmed before anything changes; then one reference flips,
/// so a request sees either the old set or the new one, never a half-loaded model. Replaced sessions stay loaded
/// for a grace period (longer than any request) and are then disposed, which waits for calls still in flight.
/// Until the registry has a stable version, the baseline serves.
/// </summary>
public sealed class ServingModels(
    IModelArtifactStore store,
    IOptions<ModelRegistryOptions> options,
    TimeProvider time,
    ILogger<ServingModels> logger) : IModelSelector, IDisposable
{
    private static readonly ModelSelection Baseline = new(BaselineScorer.Instance, RegistrySnapshot.ControlVariant);

    private readonly SemaphoreSlim _applying = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private volatile ServingSet _set = new(RegistrySnapshot.Empty(options.Value.ServingModel), Baseline, null, new Dictionary<string, RegisteredScorer>());

    /// <summary>Raised after a flip, with the snapshot now served and how long loading it and flipping took.</summary>
    public event Action<RegistrySnapshot, TimeSpan>? Swapped;

    public RegistrySnapshot Snapshot => _set.Snapshot;

    public long Revision => _set.Snapshot.Revision;

    public ModelSelection ForUser(string userId)
    {
        var set = _set;
        return set.Canary is { } canary
            && VariantAssignment.Assign(userId, set.Snapshot.ExperimentSalt, set.Split) == RegistrySnapshot.CanaryVariant
            ? canary
            : set.Control;
    }

    /// <summary>A loaded live version by version or label (stable when both are null); null when not live here.</summary>
    public RegisteredScorer? Find(string? version, string? label)
    {
        var set = _set;
        var entry = version is not null ? set.Snapshot.Find(version) : set.Snapshot.ForLabel(label ?? RegistrySnapshot.StableLabel);
        return entry is not null && set.Loaded.TryGetValue(entry.Version, out var scorer) ? scorer : null;
    }

    /// <summary>
    /// Serves <paramref name="snapshot"/> once its versions are loaded and warm. Older or equal revisions are
    /// ignored (a late push after a poll). Returns whether it flipped; a version that fails to load leaves the
    /// current set serving, and the next poll tries again.
    /// </summary>
    public async Task<bool> ApplyAsync(RegistrySnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await _applying.WaitAsync(cancellationToken);
        var fresh = new List<RegisteredScorer>();
        try
        {
            var current = _set;
            if (snapshot.Revision <= current.Snapshot.Revision)
            {
                return false;
            }

            var started = time.GetTimestamp();
            var loaded = new Dictionary<string, RegisteredScorer>(StringComparer.Ordinal);
            foreach (var entry in new[] { snapshot.Stable, snapshot.Canary }.OfType<ModelVersionEntry>())
            {
                if (current.Loaded.TryGetValue(entry.Version, out var kept) && kept.Sha256 == entry.Sha256)
                {
                    loaded[entry.Version] = kept;
                    continue;
                }
                var scorer = await LoadAsync(snapshot.ModelName, entry, cancellationToken);
                fresh.Add(scorer);
                loaded[entry.Version] = scorer;
            }

            var control = snapshot.Stable is { } stable
                ? new ModelSelection(loaded[stable.Version], RegistrySnapshot.ControlVariant, snapshot.ExperimentSalt)
                : Baseline;
            var canary = snapshot.Canary is { } c && snapshot.CanaryShare > 0
                ? new ModelSelection(loaded[c.Version], RegistrySnapshot.CanaryVariant, snapshot.ExperimentSalt)
                : null;
            _set = new ServingSet(snapshot, control, canary, loaded);
            fresh.Clear();

            var retired = current.Loaded.Values.Where(s => !loaded.Values.Contains(s)).ToList();
            var took = time.GetElapsedTime(started);
            logger.LogInformation(
                "Serving {Model} revision {Revision}: stable {Stable}, canary {Canary} at {Share:P0} (swap took {Ms:0} ms, {Retired} retired)",
                snapshot.ModelName, snapshot.Revision, snapshot.Stable?.Version ?? "baseline", snapshot.Canary?.Version ?? "none",
                snapshot.CanaryShare, took.TotalMilliseconds, retired.Count);
            if (retired.Count > 0)
            {
                _ = DisposeLaterAsync(retired);
            }
            Swapped?.Invoke(snapshot, took);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not serve {Model} revision {Revision}; the current models keep serving", snapshot.ModelName, snapshot.Revision);
            return false;
        }
        finally
        {
            foreach (var unused in fresh)
            {
                unused.Inner.Dispose();
            }
            _applying.Release();
        }
    }

    private async Task<RegisteredScorer> LoadAsync(string modelName, ModelVersionEntry entry, CancellationToken cancellationToken)
    {
        var artifact = await store.GetAsync(entry.Sha256, cancellationToken)
            ?? throw new InvalidOperationException($"Artifact {entry.Sha256} of {modelName} {entry.Version} is not in the store.");
        // Session creation and the warm-up batch are CPU work: keep them off the grain scheduler's threads.
        return await Task.Run(() =>
        {
            var model = new DeepScorer(artifact);
            try
            {
                model.Warmup();
                return new RegisteredScorer(modelName, entry.Version, entry.Sha256, model);
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }, cancellationToken);
    }

    private async Task DisposeLaterAsync(IReadOnlyList<RegisteredScorer> retired)
    {
        try
        {
            await Task.Delay(options.Value.RetiredModelGrace, time, _disposed.Token);
        }
        catch (OperationCanceledException)
        {
        }
        foreach (var scorer in retired)
        {
            scorer.Inner.Dispose();
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        foreach (var scorer in _set.Loaded.Values)
        {
            scorer.Inner.Dispose();
        }
    }

    private sealed record ServingSet(
        RegistrySnapshot Snapshot, ModelSelection Control, ModelSelection? Canary, IReadOnlyDictionary<string, RegisteredScorer> Loaded)
    {
        /// <summary>Stable first, canary last: growing the canary keeps the users it already has (see VariantAssignment).</summary>
        public VariantWeight[] Split { get; } = Canary is null
            ? []
            : [
                new(RegistrySnapshot.ControlVariant, Snapshot.Stable?.Version ?? "", 1 - Snapshot.CanaryShare),
                new(RegistrySnapshot.CanaryVariant, Snapshot.Canary?.Version ?? "", Snapshot.CanaryShare),
            ];
    }
}
