using System.Diagnostics.Metrics;
using LeadRecs.Grains.Interfaces.Models;
using LeadRecs.Grains.Models;

namespace LeadRecs.Grains.Telemetry;

/// <summary>
/// What this silo serves (meter "LeadRecs"): the live versions with their share of users
/// (<c>leadrecs_model_live_share</c>, one series per model, version and variant), the registry revision, and how
/// long swaps take from snapshot to flip (<c>leadrecs_model_swap_duration_seconds</c>).
/// </summary>
public sealed class ModelServingMetrics
{
    private readonly Histogram<double> _swapDuration;

    public ModelServingMetrics(IMeterFactory meterFactory, ServingModels models)
    {
        var meter = meterFactory.Create(LeadRecsMetrics.MeterName);
        meter.CreateObservableGauge(
            "leadrecs.model.live.share", () => LiveShares(models.Snapshot), unit: null,
            "Share of users each live model version serves on this silo (control = stable, canary).");
        meter.CreateObservableGauge(
            "leadrecs.model.registry.revision", () => models.Revision, unit: null,
            "The registry revision this silo serves.");
        _swapDuration = meter.CreateHistogram<double>(
            "leadrecs.model.swap.duration", "s", "From receiving a registry change to serving it: loading and warming new versions, then the flip.");
        models.Swapped += (_, duration) => _swapDuration.Record(duration.TotalSeconds);
    }

    private static IEnumerable<Measurement<double>> LiveShares(RegistrySnapshot snapshot)
    {
        var canaryShare = snapshot.Canary is null ? 0 : snapshot.CanaryShare;
        yield return new Measurement<double>(1 - canaryShare,
            new("model", snapshot.ModelName), new("version", snapshot.Stable?.Version ?? "baseline"), new("variant", RegistrySnapshot.ControlVariant));
        if (snapshot.Canary is { } canary)
        {
            yield return new Measurement<double>(canaryShare,
                new("model", snapshot.ModelName), new("version", canary.Version), new("variant", RegistrySnapshot.CanaryVariant));
        }
    }
}
