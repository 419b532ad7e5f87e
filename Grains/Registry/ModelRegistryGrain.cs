using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace LeadRecs.Grains.Registry;

/// <summary>
/// Versions, labels and the split of one model name. Every change is validated before anything is touched,
/// persisted, recorded in the history with its reason, and pushed to the silos' model hosts.
/// </summary>
public sealed class ModelRegistryGrain(
    [PersistentState("registry", LeadRecsGrainOptions.StorageName)] IPersistentState<ModelRegistryState> state,
    IOptions<ModelRegistryOptions> options,
    TimeProvider time,
    ILogger<ModelRegistryGrain> logger)
    : Grain, IModelRegistryGrain
{
    // Hosts re-subscribe on every poll, so an observer that stops polling (its silo died) expires.
    private readonly ObserverManager<IModelRegistryObserver> _observers = new(TimeSpan.FromMinutes(1), logger);

    private string ModelName => this.GetPrimaryKeyString();

    private ModelRegistryState S => state.State;

    public Task<RegistrySnapshot> GetSnapshotAsync() => Task.FromResult(S.ToSnapshot(ModelName));

    public Task<RegistrySnapshot?> GetIfNewerAsync(long knownRevision) =>
        Task.FromResult(S.Revision > knownRevision ? S.ToSnapshot(ModelName) : null);

    public async Task<RegistryResult> RegisterAsync(ModelVersionEntry version, double canaryShare, string reason)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (ShareError(canaryShare) is { } shareError)
        {
            return Refuse(shareError, "canaryShare");
        }
        if (S.Versions.FirstOrDefault(v => v.Version == version.Version) is { } existing)
        {
            return string.Equals(existing.Sha256, version.Sha256, StringComparison.OrdinalIgnoreCase)
                ? new RegistryResult(S.ToSnapshot(ModelName))
                : Refuse($"version '{version.Version}' is already registered with other bytes ({existing.Sha256[..12]}…).", "version", conflict: true);
        }

        S.Versions.Add(version);
        if (S.Stable is null)
        {
            S.Stable = version;
            Record(RegistryChange.Register, version.Version, null, $"{reason} (first version: stable)");
        }
        else
        {
            var replaced = S.Canary?.Version;
            S.Canary = version;
            S.CanaryShare = canaryShare;
            // A new salt per canary: each experiment draws its own users, the same on every silo and restart.
            S.ExperimentSalt = $"{ModelName}:{version.Version}";
            Record(RegistryChange.Register, version.Version, replaced, $"{reason} (canary at {canaryShare:P0})");
        }
        TrimVersions();
        return await CommitAsync();
    }

    public async Task<RegistryResult> SetSplitAsync(double canaryShare, string reason)
    {
        if (ShareError(canaryShare) is { } shareError)
        {
            return Refuse(shareError, "canaryShare");
        }
        if (S.Canary is null && canaryShare > 0)
        {
            return Refuse("there is no canary to give traffic to; register a version first.", "canaryShare", conflict: true);
        }
        var before = S.CanaryShare;
        S.CanaryShare = canaryShare;
        Record(RegistryChange.Split, S.Canary?.Version, null, $"{reason} (canary {before:P0} -> {canaryShare:P0})");
        return await CommitAsync();
    }

    public async Task<RegistryResult> PromoteAsync(string? version, string reason)
    {
        var target = version is null ? S.Canary : S.Versions.FirstOrDefault(v => v.Version == version);
        if (target is null)
        {
            return version is null
                ? Refuse("there is no canary to promote.", "version", conflict: true)
                : Refuse($"version '{version}' is not registered.", "version");
        }
        if (target.Version == S.Stable?.Version)
        {
            return Refuse($"version '{target.Version}' is already stable.", "version", conflict: true);
        }

        var from = S.Stable?.Version;
        if (from is not null)
        {
            S.PreviousStable.Add(from);
        }
        S.Stable = target;
        if (S.Canary?.Version == target.Version)
        {
            S.Canary = null;
            S.CanaryShare = 0;
        }
        Record(RegistryChange.Promote, target.Version, from, reason);
        return await CommitAsync();
    }

    public async Task<RegistryResult> RollbackAsync(string reason)
    {
        if (S.Canary is { } canary)
        {
            S.Canary = null;
            S.CanaryShare = 0;
            Record(RegistryChange.Rollback, S.Stable?.Version, canary.Version, reason);
            return await CommitAsync();
        }

        // No canary: stable goes back to the version that was stable before it (skipping any no longer kept).
        while (S.PreviousStable.Count > 0)
        {
            var previous = S.PreviousStable[^1];
            S.PreviousStable.RemoveAt(S.PreviousStable.Count - 1);
            if (S.Versions.FirstOrDefault(v => v.Version == previous) is { } entry)
            {
                var from = S.Stable?.Version;
                S.Stable = entry;
                Record(RegistryChange.Rollback, entry.Version, from, reason);
                return await CommitAsync();
            }
        }
        return Refuse("there is neither a canary nor an earlier stable version to roll back to.", "version", conflict: true);
    }

    public Task SubscribeAsync(IModelRegistryObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    private async Task<RegistryResult> CommitAsync()
    {
        S.Revision++;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The change is applied in memory but not stored: drop this activation so the next call reloads
            // what is stored, rather than serving (and later persisting) a change the caller saw fail.
            DeactivateOnIdle();
            throw;
        }
        var snapshot = S.ToSnapshot(ModelName);
        logger.LogInformation(
            "Model registry {Model} revision {Revision}: stable {Stable}, canary {Canary} at {Share:P0}",
            ModelName, snapshot.Revision, snapshot.Stable?.Version, snapshot.Canary?.Version, snapshot.CanaryShare);
        // One-way calls: a slow or dead silo does not hold the registry up; it catches up on its next poll.
        await _observers.Notify(o => o.OnChangedAsync(snapshot));
        return new RegistryResult(snapshot);
    }

    /// <summary>Adds the history entry of the change about to be committed (it gets the next revision).</summary>
    private void Record(string action, string? version, string? fromVersion, string reason)
    {
        var why = string.IsNullOrWhiteSpace(reason) ? "unspecified" : reason;
        S.History.Add(new RegistryChange(time.GetUtcNow(), action, version, fromVersion, why, S.Revision + 1));
        if (S.History.Count > options.Value.MaxHistory)
        {
            S.History.RemoveRange(0, S.History.Count - options.Value.MaxHistory);
        }
    }

    /// <summary>Forgets the oldest versions beyond the bound, never the live ones (their artifacts stay in the store).</summary>
    private void TrimVersions()
    {
        var excess = S.Versions.Count - options.Value.MaxVersions;
        for (var i = 0; i < S.Versions.Count && excess > 0;)
        {
            var v = S.Versions[i].Version;
            if (v != S.Stable?.Version && v != S.Canary?.Version)
            {
                S.Versions.RemoveAt(i);
                S.PreviousStable.Remove(v);
                excess--;
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>What is wrong with a canary share, or null: a finite fraction within [0, 1]. The API checks requests with it.</summary>
    public static string? ShareError(double share) =>
        double.IsFinite(share) && share is >= 0 and <= 1 ? null : "must be a fraction within [0, 1].";

    private RegistryResult Refuse(string error, string field, bool conflict = false) =>
        new(S.ToSnapshot(ModelName), error, field, conflict);
}
