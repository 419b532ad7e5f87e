using Orleans.Concurrency;

namespace LeadRecs.Grains.Interfaces.Models;

/// <summary>
/// Retrains one model name (the grain key): on a durable reminder (every 7 days by default, 7 to 14), when the
/// drift silos report passes the threshold, or on demand. Training runs off the grain scheduler on a
/// point-in-time set read from the interaction log and registers its result as the canary. At most one run at
/// a time: a trigger during a run returns that run.
/// </summary>
public interface IRetrainingGrain : IGrainWithStringKey
{
    /// <summary>Starts a run unless one is running; returns the run that is (now) in progress.</summary>
    Task<RetrainingRun> TriggerAsync(string trigger, string reason);

    [AlwaysInterleave]
    Task<RetrainingStatus> GetStatusAsync();

    /// <summary>Drift a silo measured on the serving model's inputs; past the threshold it triggers a run.</summary>
    Task ReportDriftAsync(string siloId, string modelVersion, IReadOnlyList<FeatureDrift> drift);

    /// <summary>Makes sure the schedule's reminder exists (called at start-up).</summary>
    Task EnsureScheduledAsync();
}
