using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using LeadRecs.Grains.Telemetry;

namespace LeadRecs.UnitTests.Grains;

/// <summary>
/// Counts <c>leadrecs.recommendation.refreshes</c> of one silo only: every silo's container makes its own meter
/// instance, so refreshes in clusters of other test collections running meanwhile are not counted.
/// </summary>
internal sealed class RefreshAheadListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public RefreshAheadListener(IServiceProvider silo)
    {
        var meter = silo.GetRequiredService<IMeterFactory>().Create(LeadRecsMetrics.MeterName);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == "leadrecs.recommendation.refreshes")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
