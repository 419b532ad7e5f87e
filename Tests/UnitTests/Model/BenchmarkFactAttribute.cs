using Xunit;

namespace LeadRecs.UnitTests.Model;

/// <summary>
/// A fact that only runs when LEADRECS_BENCHMARKS=1, so slow measurements stay out of the default test run:
/// <c>LEADRECS_BENCHMARKS=1 dotnet test Tests/UnitTests -c Release --filter Category=Benchmark</c>.
/// </summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("LEADRECS_BENCHMARKS") != "1")
        {
            Skip = "Benchmark: set LEADRECS_BENCHMARKS=1 to run.";
        }
    }
}
