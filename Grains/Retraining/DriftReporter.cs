using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces.Models;
using LeadRecs.Grains.Models;
using LeadRecs.Grains.Registry;
using LeadRecs.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadRecs.Grains.Retraining;

/// <summary>
/// Per silo: makes sure the serving model's retraining is scheduled, then every few seconds sends what this silo's
/// stable model has seen of its key features (<see cref="Ranking.Scoring.DeepScorer.Drift"/>, PSI against the
/// training snapshot) to the retraining grain, which decides whether it is drift worth a run, and exports it as the
/// <c>leadrecs.feature.drift.psi</c> gauge. Does nothing when retraining is disabled.
/// </summary>
public sealed class DriftReporter(
    IGrainFactory grains,
    ServingModels models,
    RetrainingMetrics metrics,
    ILocalSiloDetails silo,
    IOptions<RetrainingOptions> options,
    IOptions<ModelRegistryOptions> registryOptions,
    TimeProvider time,
    ILogger<DriftReporter> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly BackgroundLoop _loop = new();

    private string ModelName => registryOptions.Value.ServingModel;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DriftReporter), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    /// <summary>One report: what the stable model saw since it was loaded here. False when there was nothing to send.</summary>
    public async Task<bool> ReportAsync()
    {
        if (models.Find(null, RegistrySnapshot.StableLabel) is not { Inner.Drift: { } monitor } stable)
        {
            metrics.SetDrift(ModelName, []);
            return false;
        }
        var report = monitor.Report();
        var drift = report.Features
            .Select(f => new FeatureDrift(f.Name, f.Psi, options.Value.DriftThreshold, f.Observed))
            .ToArray();
        // A feature nothing was observed for has no PSI to speak of.
        metrics.SetDrift(ModelName, drift.Where(f => f.Observations > 0).ToArray());
        if (report.RowsSampled == 0)
        {
            return false;
        }
        await grains.GetGrain<IRetrainingGrain>(ModelName).ReportDriftAsync(silo.SiloAddress.ToString(), stable.Model.Version, drift);
        return true;
    }

    private Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            _loop.Start(RunAsync);
        }
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _loop.StopAsync(cancellationToken);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var scheduled = false;
        using var timer = new PeriodicTimer(options.Value.DriftReportInterval, time);
        do
        {
            try
            {
                if (!scheduled)
                {
                    // Every silo asks; the grain registers the reminder once and keeps it.
                    await grains.GetGrain<IRetrainingGrain>(ModelName).EnsureScheduledAsync();
                    scheduled = true;
                }
                await ReportAsync();
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Retraining {Model}: scheduling or reporting drift failed; retrying in {Interval}",
                    ModelName, options.Value.DriftReportInterval);
            }
        }
        while (await BackgroundLoop.NextTickAsync(timer, stopping));
    }
}
