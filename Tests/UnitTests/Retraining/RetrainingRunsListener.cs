using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LeadRecs.Grains.Telemetry;

namespace LeadRecs.UnitTests.Retraining;

/// <summary>Listens to <c>leadrecs.retraining.runs</c> in this process and keeps the (trigger, outcome) of one model's runs.</summary>
internal sealed class RetrainingRunsListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Trigger, string Outcome)> _runs = new();

    public RetrainingRunsListener(string model)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LeadRecsMetrics.MeterName && instrument.Name == "leadrecs.retraining.runs")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? m = null, trigger = null, outcome = null;
            foreach (var tag in tags)
            {
                switch (tag.Key)
                {
                    case "model": m = tag.Value as string; break;
                    case "trigger": trigger = tag.Value as string; break;
                    case "outcome": outcome = tag.Value as string; break;
                }
            }
            if (m == model)
            {
                for (var i = 0; i < value; i++)
                {
                    _runs.Enqueue((trigger ?? "", outcome ?? ""));
                }
            }
        });
        _listener.Start();
    }

    public IReadOnlyList<(string Trigger, string Outcome)> Runs => [.. _runs];

    public void Dispose() => _listener.Dispose();
}
