using System.Diagnostics;

namespace LeadRecs.UnitTests.Benchmarking;

/// <summary>Median and p99 of an action's wall time in microseconds, after a warm-up; for the opt-in benchmarks.</summary>
internal static class Latency
{
    public static (double Median, double P99) Measure(Action action, int runs, int warmup)
    {
        for (var i = 0; i < warmup; i++)
        {
            action();
        }
        var micros = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        Array.Sort(micros);
        return (micros[runs / 2], micros[(int)(runs * 0.99)]);
    }
}
