using System.Globalization;
using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces.Models;
using LeadRecs.Grains.Registry;
using LeadRecs.Grains.Telemetry;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Training;
using LeadRecs.Storage;
using LeadRecs.Storage.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadRecs.Grains.Retraining;

/// <summary>
/// Retrains one model name. A trigger (the schedule's reminder, drift, or a caller) starts a run unless one is
/// running; the run gathers a point-in-time history (the log's window plus the catalog and market data from the
/// grains), trains on the thread pool, stores the artifact and registers it as canary. The grain stays responsive
/// throughout: the run is a detached task whose grain-side steps interleave with calls, and only its
/// <see cref="State"/> fields say a run is in flight.
/// </summary>
public sealed class RetrainingGrain(
    [PersistentState("retraining", LeadRecsGrainOptions.StorageName)] IPersistentState<RetrainingState> state,
    IOptions<RetrainingOptions> options,
    IRetrainingTrainer trainer,
    IModelArtifactStore artifacts,
    FeatureOptions features,
    DomainClock clock,
    TimeProvider time,
    RetrainingMetrics metrics,
    IServiceProvider services,
    ILogger<RetrainingGrain> logger)
    : Grain, IRetrainingGrain, IRemindable
{
    public const string ReminderName = "retrain";

    private const int MaxErrorLength = 500;

    private readonly Dictionary<string, SiloDrift> _drift = new(StringComparer.Ordinal);
    // The detached run writes state while a call may be writing too: one write at a time.
    private readonly SemaphoreSlim _writing = new(1, 1);
    private CancellationTokenSource? _runCancellation;
    private Task _run = Task.CompletedTask;

    private string ModelName => this.GetPrimaryKeyString();

    private RetrainingState S => state.State;

    private RetrainingOptions O => options.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Current is { } interrupted)
        {
            // The activation that ran it is gone (its silo stopped or died): the run cannot finish.
            logger.LogWarning("Retraining {Model} run {Run} was interrupted before it finished", ModelName, interrupted.Id);
            await FinishAsync(
                interrupted with { Status = RetrainingRun.Failed, Error = "interrupted: the activation running it stopped" },
                clock.GetUtcNow() - interrupted.StartedAt);
        }
        await base.OnActivateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_runCancellation is { } running)
        {
            await running.CancelAsync();
            try
            {
                // Training notices cancellation between batches; the run then records itself as failed.
                await _run.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                logger.LogWarning("Retraining {Model}: the run did not stop within 10 s of deactivation", ModelName);
            }
        }
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<RetrainingRun> TriggerAsync(string trigger, string reason) => (await StartAsync(trigger, reason)).Run;

    /// <summary>Starts a run unless one is in flight; <c>Started</c> says whether this call started it (and wrote the state).</summary>
    private async Task<(RetrainingRun Run, bool Started)> StartAsync(string trigger, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trigger);
        if (S.Current is { } running)
        {
            logger.LogInformation(
                "Retraining {Model}: {Trigger} trigger joins run {Run} already in progress ({Reason})", ModelName, trigger, running.Id, reason);
            return (running, false);
        }

        var now = clock.GetUtcNow();
        var number = S.RunCount + 1;
        // The run id is also the version it registers: the trainer's own yyyyMMddHHmmss (so it sorts after the versions
        // trained before, the demo's first one included) and the run number, unique even within a second.
        var id = string.Create(CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyyMMddHHmmss}-{number}");
        var run = new RetrainingRun(
            id, trigger, string.IsNullOrWhiteSpace(reason) ? "unspecified" : reason, now, null, RetrainingRun.Running, null, 0, null);
        S.Current = run;
        S.RunCount = number;
        try
        {
            await PersistAsync();
        }
        catch
        {
            S.Current = null;
            throw;
        }

        logger.LogInformation("Retraining {Model} run {Run} started by {Trigger}: {Reason}", ModelName, id, trigger, run.Reason);
        _runCancellation = new CancellationTokenSource(O.MaxRunTime);
        DelayDeactivation(O.MaxRunTime);
        _run = RunAsync(run, _runCancellation.Token);
        return (run, true);
    }

    public Task<RetrainingStatus> GetStatusAsync() =>
        Task.FromResult(new RetrainingStatus(ModelName, S.Current, S.Recent.ToArray(), O.Period, S.NextScheduledAt, CurrentDrift()));

    public async Task ReportDriftAsync(string siloId, string modelVersion, IReadOnlyList<FeatureDrift> drift)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(siloId);
        ArgumentNullException.ThrowIfNull(drift);
        var now = clock.GetUtcNow();
        _drift[siloId] = new SiloDrift(modelVersion, drift.ToArray(), now);
        foreach (var stale in _drift.Where(d => now - d.Value.At > O.DriftReportTtl).Select(d => d.Key).ToList())
        {
            _drift.Remove(stale);
        }

        var drifted = drift
            .Where(d => d.Observations >= O.MinDriftObservations && d.Psi > O.DriftThreshold)
            .OrderByDescending(d => d.Psi)
            .ToList();
        if (drifted.Count == 0 || !O.Enabled || S.Current is not null)
        {
            return;
        }

        var registry = await GrainFactory.GetGrain<IModelRegistryGrain>(ModelName).GetSnapshotAsync();
        var cooldown = O.EffectiveDriftCooldown;
        var skip = registry.Stable is not { } stable || stable.Version != modelVersion ? "the report is not about the stable version"
            : registry.Canary is not null ? $"canary {registry.Canary.Version} is still being evaluated"
            : now - stable.RegisteredAt < cooldown ? $"stable {stable.Version} has served for less than the cool-down ({cooldown})"
            : S.LastDriftTriggerAt is { } last && now - last < cooldown ? $"drift last triggered a run at {last:O}, within the cool-down ({cooldown})"
            : S.Current is { } running ? $"run {running.Id} started meanwhile"
            : null;
        if (skip is not null)
        {
            logger.LogDebug("Retraining {Model}: drift on {Silo} ({Features}) does not trigger a run: {Why}",
                ModelName, siloId, string.Join(", ", drifted.Select(d => d.Feature)), skip);
            return;
        }

        S.LastDriftTriggerAt = now;
        var features = string.Join(", ", drifted.Select(d =>
            string.Create(CultureInfo.InvariantCulture, $"{d.Feature} {d.Psi:0.000} over {d.Observations} rows")));
        await TriggerAsync(RetrainingRun.DriftTrigger, string.Create(
            CultureInfo.InvariantCulture, $"PSI above {O.DriftThreshold} for stable {modelVersion} on {siloId}: {features}"));
    }

    public async Task EnsureScheduledAsync()
    {
        var period = O.Period;
        if (S.ScheduledPeriod == period && await this.GetReminder(ReminderName) is not null)
        {
            return;
        }
        // The first tick is a period away: a silo start is not a reason to retrain.
        await this.RegisterOrUpdateReminder(ReminderName, period, period);
        S.ScheduledPeriod = period;
        S.NextScheduledAt = clock.GetUtcNow() + period;
        await PersistAsync();
        logger.LogInformation("Retraining {Model} scheduled every {Period}, next at {Next:O}", ModelName, period, S.NextScheduledAt);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }
        S.NextScheduledAt = clock.GetUtcNow() + O.Period;
        if (!O.Enabled)
        {
            logger.LogInformation("Retraining {Model}: the schedule fired but retraining is disabled", ModelName);
            return;
        }
        var (_, started) = await StartAsync(
            RetrainingRun.ScheduleTrigger,
            string.Create(CultureInfo.InvariantCulture, $"scheduled every {O.Period.TotalDays:0.##} days"));
        if (!started)
        {
            await PersistAsync(); // no new run wrote the next tick
        }
    }

    private async Task RunAsync(RetrainingRun run, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        RetrainingRun finished;
        try
        {
            var (version, rows) = await TrainAndRegisterAsync(run, cancellationToken);
            finished = run with { Status = RetrainingRun.Succeeded, Version = version, Rows = rows };
        }
        catch (Exception ex)
        {
            var error = cancellationToken.IsCancellationRequested
                ? $"cancelled (the grain deactivated, or the run took longer than {O.MaxRunTime})"
                : $"{ex.GetType().Name}: {ex.Message}";
            logger.LogError(ex, "Retraining {Model} run {Run} failed; nothing was registered", ModelName, run.Id);
            finished = run with { Status = RetrainingRun.Failed, Error = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error };
        }
        await FinishAsync(finished, time.GetElapsedTime(started));
    }

    private async Task<(string Version, long Rows)> TrainAndRegisterAsync(RetrainingRun run, CancellationToken cancellationToken)
    {
        var log = services.GetService<IInteractionLog>()
            ?? throw new InvalidOperationException("This silo has no interaction log to train from.");
        var to = run.StartedAt;
        var from = to - O.TrainingWindow;
        var history = await TrainingHistoryCollector.CollectAsync(GrainFactory, log, from, to, O.GrainBatchSize, cancellationToken);
        logger.LogInformation(
            "Retraining {Model} run {Run}: {Interactions} interactions from {From:O} to {To:O}, {Leads} leads, {Points} market points",
            ModelName, run.Id, history.Interactions.Count, from, to, history.Leads.Count, history.MarketPoints.Count);

        var defaults = new LeadModelTrainerOptions();
        var trainerOptions = defaults with
        {
            ModelName = ModelName,
            ModelVersion = run.Id,
            Clock = clock.Provider,
            Trainer = defaults.Trainer with { MaxEpochs = O.MaxEpochs },
            // The decay rates the grains use, or the model would learn on features serving never produces.
            TrainingSet = defaults.TrainingSet with { Features = features },
        };
        var progress = new RetrainingProgressLog(logger, ModelName, run.Id);
        // CPU-bound for seconds to minutes: off the grain scheduler. Only locals cross into the thread pool.
        var result = await Task.Run(() => trainer.Train(history, trainerOptions, progress, cancellationToken), cancellationToken);

        await artifacts.PutAsync(result.Artifact, cancellationToken);
        var manifest = result.Artifact.Manifest;
        manifest.OfflineMetrics.TryGetValue(LeadModelTrainer.ValidationAucMetric, out var auc);
        var registered = await GrainFactory.GetGrain<IModelRegistryGrain>(ModelName).RegisterAsync(
            manifest.ToVersionEntry(clock.GetUtcNow(), $"retraining ({run.Trigger})"),
            O.CanaryShare,
            string.Create(CultureInfo.InvariantCulture,
                $"retrained by {run.Trigger} ({run.Reason}) on {result.TrainingSet.Count} rows of {from:yyyy-MM-dd}..{to:yyyy-MM-dd}, validation AUC {auc:0.000}"));
        if (!registered.Succeeded)
        {
            throw new InvalidOperationException($"The registry refused version {manifest.ModelVersion}: {registered.Error}");
        }
        return (manifest.ModelVersion, result.TrainingSet.Count);
    }

    /// <summary>Records a run that ended (its status and error set), in the state, the metrics and the log.</summary>
    private async Task FinishAsync(RetrainingRun run, TimeSpan duration)
    {
        var now = clock.GetUtcNow();
        var finished = run with { FinishedAt = now };
        var failed = finished.Status != RetrainingRun.Succeeded;
        S.Current = null;
        S.Recent.Insert(0, finished);
        if (S.Recent.Count > O.MaxRecentRuns)
        {
            S.Recent.RemoveRange(O.MaxRecentRuns, S.Recent.Count - O.MaxRecentRuns);
        }
        _runCancellation?.Dispose();
        _runCancellation = null;
        metrics.RecordRun(ModelName, finished.Trigger, finished.Status, duration, now);
        if (failed)
        {
            logger.LogWarning("Retraining {Model} run {Run} ({Trigger}) failed after {Seconds:0.0} s: {Error}",
                ModelName, run.Id, run.Trigger, duration.TotalSeconds, finished.Error);
        }
        else
        {
            logger.LogInformation("Retraining {Model} run {Run} ({Trigger}) registered version {Version} (canary share {Share:P0} unless it is the first) after {Seconds:0.0} s on {Rows} rows",
                ModelName, run.Id, run.Trigger, finished.Version, O.CanaryShare, duration.TotalSeconds, finished.Rows);
        }
        try
        {
            await PersistAsync();
        }
        catch (Exception ex)
        {
            // The record stays in memory and goes out with the next write.
            logger.LogError(ex, "Retraining {Model}: storing the end of run {Run} failed", ModelName, run.Id);
        }
    }

    private async Task PersistAsync()
    {
        await _writing.WaitAsync();
        try
        {
            await state.WriteStateAsync();
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Per feature, the largest PSI among the silos' fresh reports.</summary>
    private FeatureDrift[] CurrentDrift()
    {
        var now = clock.GetUtcNow();
        return _drift.Values
            .Where(d => now - d.At <= O.DriftReportTtl)
            .SelectMany(d => d.Features)
            .GroupBy(f => f.Feature, StringComparer.Ordinal)
            .Select(g => g.MaxBy(f => f.Psi)!)
            .OrderBy(f => f.Feature, StringComparer.Ordinal)
            .ToArray();
    }

    private sealed record SiloDrift(string ModelVersion, FeatureDrift[] Features, DateTimeOffset At);
}
