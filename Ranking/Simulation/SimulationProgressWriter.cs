using System.Diagnostics;
using System.Globalization;

namespace LeadRecs.Ranking.Simulation;

/// <summary>
/// Writes progress lines (for a CLI, to stderr, so stdout stays a clean summary). Silent for runs shorter than
/// a second, the usual demo size, then at most one line a second. Synchronous, unlike <see cref="Progress{T}"/>,
/// which posts to the thread pool and could print lines out of order or after the run ended.
/// </summary>
public sealed class SimulationProgressWriter(TextWriter writer) : IProgress<SimulationProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastReport = TimeSpan.Zero;

    public void Report(SimulationProgress value)
    {
        var now = _clock.Elapsed;
        if (now < Interval || now - _lastReport < Interval)
        {
            return;
        }
        _lastReport = now;
        writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"simulate: day {value.DaysDone}/{value.Days}, {value.Interactions:N0} events, {now.TotalSeconds:0.0} s"));
    }
}
