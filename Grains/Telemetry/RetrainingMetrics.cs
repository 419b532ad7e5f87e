using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LeadRecs.Grains.Interfaces.Models;

namespace LeadRecs.Grains.Telemetry;

/// <summary>
/// Retraining and drift instruments on the "LeadRecs" meter. In Prometheus: <c>leadrecs_retraining_runs_total</c> and
/// <c>leadrecs_retraining_duration_seconds</c> (tags model, trigger, outcome), <c>leadrecs_retraining_last_run_timestamp_seconds</c>
/// (tags model, outcome; from the silo that ran it) and <c>leadrecs_feature_drift_psi</c> (tags model, feature; each
/// silo its own stable model's inputs). Triggers outside schedule, drift and manual count as "other", so a caller's
/// string never becomes a label value.
/// </summary>
public sealed class RetrainingMetrics
{
    private static readonly double[] DurationBuckets = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200];

    private readonly Counter<long> _runs;
    private readonly Histogram<double> _duration;
    private readonly ConcurrentDictionary<(string Model, string Outcome), DateTimeOffset> _lastRun = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<FeatureDrift>> _drift = new(StringComparer.Ordinal);

    public RetrainingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(LeadRecsMetrics.MeterName);
        _runs = meter.CreateCounter<long>(
            "leadrecs.retraining.runs", "{run}", "Finished retraining runs by model, trigger (schedule, drift, manual) and outcome (succeeded, failed).");
        _duration = meter.CreateHistogram<double>(
            "leadrecs.retraining.duration", "s", "Time from a retraining run's start to its end (reading the log, training, registering).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        meter.CreateObservableGauge(
            "leadrecs.retraining.last_run.timestamp", ObserveLastRuns, "s", "Unix time at which the last retraining run of a model ended, by outcome.");
        meter.CreateObservableGauge(
            "leadrecs.feature.drift.psi", ObserveDrift, unit: null,
            description: "Population stability index of each key feature of the stable model's serving inputs on this silo, against its training snapshot.");
    }

    public static string TriggerTag(string trigger) => trigger switch
    {
        RetrainingRun.ScheduleTrigger or RetrainingRun.DriftTrigger or RetrainingRun.ManualTrigger => trigger,
        _ => "other",
    };

    public void RecordRun(string model, string trigger, string outcome, TimeSpan duration, DateTimeOffset finishedAt)
    {
        KeyValuePair<string, object?>[] tags = [new("model", model), new("trigger", TriggerTag(trigger)), new("outcome", outcome)];
        _runs.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
        _lastRun[(model, outcome)] = finishedAt;
    }

    /// <summary>The drift this silo measured on <paramref name="model"/>'s stable version; empty clears it.</summary>
    public void SetDrift(string model, IReadOnlyList<FeatureDrift> features)
    {
        if (features.Count == 0)
        {
            _drift.TryRemove(model, out _);
        }
        else
        {
            _drift[model] = features;
        }
    }

    private IEnumerable<Measurement<double>> ObserveLastRuns() => _lastRun.Select(r => new Measurement<double>(
        r.Value.ToUnixTimeMilliseconds() / 1000.0, new("model", r.Key.Model), new("outcome", r.Key.Outcome)));

    private IEnumerable<Measurement<double>> ObserveDrift() => _drift.SelectMany(m => m.Value.Select(f => new Measurement<double>(
        f.Psi, new("model", m.Key), new("feature", f.Feature))));
}
