using Xunit.Abstractions;

namespace LeadRecs.IntegrationTests.Faults;

/// <summary>
/// PostgreSQL (grain storage and the interaction log) crashes under load and comes back 5 s later. While it is down an
/// event cannot be made durable, so the API must refuse it with 503 and Retry-After (not 500) and acknowledge
/// nothing it did not store; reads of active users go on from memory; within seconds of the restart writes succeed again.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class PostgresCrashTests(ITestOutputHelper output)
{
    [Fact]
    public Task A_crashed_and_restarted_PostgreSQL_costs_under_10_s_of_service_and_no_acknowledged_event() =>
        FaultScenario.RunAsync("postgres-crash", output, TimeSpan.FromSeconds(40), async (cluster, load, timeline) =>
        {
            await load.UntilAsync(TimeSpan.FromSeconds(10));
            await cluster.Postgres.CrashAsync();
            timeline.Note("PostgreSQL crashed (immediate shutdown, no checkpoint)");
            await load.UntilAsync(TimeSpan.FromSeconds(15));
            await cluster.Postgres.RestartAsync();
            timeline.Note("PostgreSQL restarted and accepting connections (crash recovery done)");
        });
}
