using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces.Models;
using LeadRecs.Grains.Registry;
using LeadRecs.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadRecs.Grains.Models;

/// <summary>
/// Keeps this silo's <see cref="ServingModels"/> current and sends its experiment counts out. The registry pushes
/// each change to this silo's observer; a poll every few seconds (which also renews the subscription) catches
/// anything a push missed, e.g. while the registry grain moved to another silo.
/// </summary>
public sealed class ModelHostService(
    IGrainFactory grains,
    ServingModels models,
    ExperimentTally tally,
    IOptions<ModelRegistryOptions> options,
    TimeProvider time,
    ModelServingMetrics metrics,
    ILogger<ModelHostService> logger) : ILifecycleParticipant<ISiloLifecycle>, IModelRegistryObserver
{
    private readonly BackgroundLoop _loop = new();

    // Experiment counts go out as numbered flushes of this process; one that failed is sent again, unchanged and
    // under its number, before anything newer, so the experiment grain can drop it if the first send arrived.
    private readonly string _tallySource = $"silo-{Guid.NewGuid():N}";
    private long _tallySequence;
    private IReadOnlyList<VariantTally>? _unsentTallies;
    private IModelRegistryObserver? _reference;

    // Created with the host so the serving gauges exist from the silo's start.
    private readonly ModelServingMetrics _metrics = metrics;

    private string ModelName => options.Value.ServingModel;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ModelHostService), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    public Task OnChangedAsync(RegistrySnapshot snapshot)
    {
        if (snapshot.ModelName == ModelName)
        {
            // Loading a model takes a moment; the registry's notification must not wait for it.
            _ = models.ApplyAsync(snapshot, _loop.Stopping);
        }
        return Task.CompletedTask;
    }

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _reference = grains.CreateObjectReference<IModelRegistryObserver>(this);
        _loop.Start(RunAsync);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _loop.StopAsync(cancellationToken);
        // The loop has ended, so these are the only flushes: one left unsent from before, then the latest counts.
        await FlushAsync();
        await FlushAsync();
        if (_reference is not null)
        {
            grains.DeleteObjectReference<IModelRegistryObserver>(_reference);
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var registry = grains.GetGrain<IModelRegistryGrain>(ModelName);
        long? lastPoll = null;
        using var timer = new PeriodicTimer(options.Value.TallyFlushInterval, time);
        do
        {
            if (lastPoll is not { } polled || time.GetElapsedTime(polled) >= options.Value.PollInterval)
            {
                lastPoll = time.GetTimestamp();
                await PollAsync(registry, stopping);
            }
            await FlushAsync();
        }
        while (await BackgroundLoop.NextTickAsync(timer, stopping));
    }

    private async Task PollAsync(IModelRegistryGrain registry, CancellationToken stopping)
    {
        try
        {
            await registry.SubscribeAsync(_reference!);
            if (await registry.GetIfNewerAsync(models.Revision) is { } snapshot)
            {
                await models.ApplyAsync(snapshot, stopping);
            }
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Polling the model registry {Model} failed; retrying in {Interval}", ModelName, options.Value.PollInterval);
        }
    }

    private async Task FlushAsync()
    {
        if (_unsentTallies is null)
        {
            var tallies = tally.Drain();
            if (tallies.Count == 0)
            {
                return;
            }
            _unsentTallies = tallies;
            _tallySequence++;
        }
        try
        {
            await grains.GetGrain<IExperimentGrain>(ModelName).AddAsync(_tallySource, _tallySequence, _unsentTallies);
            _unsentTallies = null;
        }
        catch (Exception ex)
        {
            // Counts made meanwhile wait in the tally for the next number.
            logger.LogWarning(ex, "Sending experiment counts for {Model} failed; the same flush is sent again next time", ModelName);
        }
    }
}
