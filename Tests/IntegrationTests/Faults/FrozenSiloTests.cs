using Xunit.Abstractions;

namespace LeadRecs.IntegrationTests.Faults;

/// <summary>
/// A silo is frozen (SIGSTOP: alive, its sockets open, answering nothing, as in a long pause) for 20 s under load and
/// then thawed. The survivor must declare it dead and take its grains within seconds, and callers must not wait on
/// it; after the thaw the silo must either rejoin or, having been declared dead, exit by itself (then the test
/// restarts it, as Kubernetes restarts a pod whose process ended). A thawed silo that neither rejoins nor exits
/// is a failure.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class FrozenSiloTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(10);

    [Fact]
    public Task A_silo_frozen_for_20_s_costs_under_10_s_of_service_and_then_rejoins_or_exits() =>
        FaultScenario.RunAsync("frozen-silo", output, TimeSpan.FromSeconds(50), async (cluster, load, timeline) =>
        {
            await load.UntilAsync(TimeSpan.FromSeconds(8));
            cluster.Silos[1].Freeze();
            timeline.Note("silo 2 frozen (SIGSTOP)");
            await load.UntilAsync(TimeSpan.FromSeconds(28));
            cluster.Silos[1].Thaw();
            timeline.Note("silo 2 thawed (SIGCONT)");

            var deadline = load.Clock.Elapsed + ExitGrace;
            while (!cluster.Silos[1].HasExited && load.Clock.Elapsed < deadline)
            {
                await Task.Delay(100);
            }
            if (cluster.Silos[1].HasExited)
            {
                timeline.Note($"silo 2 exited by itself with code {cluster.Silos[1].ExitCode}; restarting it as a supervisor would");
                await cluster.RestartSiloAsync(1);
                timeline.Note("silo 2 restarted and healthy");
            }
            else
            {
                timeline.Note($"silo 2 still running {ExitGrace.TotalSeconds:0} s after the thaw");
            }

            IReadOnlyList<(int Port, SiloStatus Status)> statuses;
            try
            {
                statuses = await MembershipProbe.StatusesAsync(cluster.Redis.Address, cluster.ClusterId);
            }
            catch (Exception ex) when (ex is OperationCanceledException or OrleansException or TimeoutException)
            {
                timeline.Require(false, $"the membership could not be read: {ex.GetType().Name}: {ex.Message}");
                return;
            }
            timeline.Note("membership: " + string.Join(", ", statuses.Select(s => $"{s.Port} {s.Status}")));
            timeline.Require(statuses.Any(s => s.Port == cluster.SiloPort(0) && s.Status == SiloStatus.Active), "silo 1 is not active in the membership");
            timeline.Require(statuses.Any(s => s.Port == cluster.SiloPort(1) && s.Status == SiloStatus.Active),
                "silo 2 neither rejoined nor exited after the thaw (not active in the membership)");
        });
}
