using System.Diagnostics;
using LeadRecs.Ranking.Simulation;
using Xunit;

namespace LeadRecs.UnitTests.Simulation;

public sealed class SimulationDeterminismTests
{
    private static readonly SimulationOptions Small = new() { Seed = 11, LeadCount = 400, UserCount = 60, Days = 10, UseKcHouse = false };

    [Fact]
    public void SameSeed_WritesByteIdenticalCsv()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        SimulationCsvWriter.Write(MarketSimulator.Simulate(Small), first.Path);
        SimulationCsvWriter.Write(MarketSimulator.Simulate(Small), second.Path);

        AssertSameFiles(first.Path, second.Path);
    }

    [Fact]
    public void DifferentSeed_GivesADifferentMarket()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        SimulationCsvWriter.Write(MarketSimulator.Simulate(Small), first.Path);
        SimulationCsvWriter.Write(MarketSimulator.Simulate(Small with { Seed = 12 }), second.Path);

        foreach (var file in new[] { SimulationCsvWriter.LeadsFile, SimulationCsvWriter.UsersFile, SimulationCsvWriter.EventsFile })
        {
            Assert.NotEqual(File.ReadAllBytes(Path.Combine(first.Path, file)), File.ReadAllBytes(Path.Combine(second.Path, file)));
        }
    }

    /// <summary>
    /// String hash codes are randomised per process, so a dependence on dictionary or hash-set order would still
    /// look deterministic within one process. Running the verb in a child process catches it.
    /// </summary>
    [Fact]
    public async Task SameSeed_IsByteIdenticalInAnotherProcess()
    {
        // Default options: kc-house when shared/data is here, the synthetic city otherwise; both processes see the same.
        var options = new SimulationOptions { Seed = 5, LeadCount = 500, UserCount = 50, Days = 7 };
        using var here = new TempDirectory();
        using var there = new TempDirectory();
        SimulationCsvWriter.Write(MarketSimulator.Simulate(options), here.Path);

        var cli = Path.Combine(AppContext.BaseDirectory, "leadrecs.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory.GetCurrentDirectory(),
        };
        foreach (var arg in new[] { "exec", cli, "simulate", "--seed", "5", "--leads", "500", "--users", "50", "--days", "7", "--out", there.Path })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0, $"leadrecs simulate failed ({process.ExitCode}): {await stdout}{await stderr}");

        AssertSameFiles(here.Path, there.Path);
    }

    private static void AssertSameFiles(string expectedDirectory, string actualDirectory)
    {
        foreach (var file in SimulationCsvWriter.FileNames)
        {
            var expected = File.ReadAllBytes(Path.Combine(expectedDirectory, file));
            var actual = File.ReadAllBytes(Path.Combine(actualDirectory, file));
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{file} differs ({expected.Length} vs {actual.Length} bytes)");
        }
    }
}
