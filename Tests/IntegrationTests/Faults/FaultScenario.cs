using Xunit.Abstractions;

namespace LeadRecs.IntegrationTests.Faults;

/// <summary>
/// The frame every fault scenario shares: a private deployment, the load for <c>duration</c>, the scenario's faults
/// on the load's timeline, the open batches sent again, then the figures printed and the targets asserted. The tails
/// of the processes' logs are printed when anything fails.
/// </summary>
internal static class FaultScenario
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(20);

    public static async Task RunAsync(
        string name, ITestOutputHelper output, TimeSpan duration, Func<ChaosCluster, ChaosLoad, ScenarioTimeline, Task> faults)
    {
        await using var cluster = await ChaosCluster.StartAsync();
        using var load = new ChaosLoad(cluster);
        FaultReport report;
        try
        {
            output.WriteLine($"{name}: redis {cluster.Redis.Address}, postgres port {cluster.Postgres.Port}, " +
                $"silos {string.Join(", ", cluster.Silos.Select(s => s.LogPath))}, apis {string.Join(", ", cluster.Apis.Select(a => a.LogPath))}");
            var timeline = new ScenarioTimeline(output, load);
            load.Start(duration);
            await faults(cluster, load, timeline);
            await load.Completion;
            await load.DrainAsync(DrainTimeout);
            report = await FaultReport.MeasureAsync(name, cluster, load, timeline.Violations);
            report.Print(output);
        }
        catch
        {
            output.WriteLine(cluster.LogTails());
            throw;
        }
        if (report.Violations.Count > 0)
        {
            output.WriteLine(cluster.LogTails());
        }
        report.AssertTargets();
    }
}
