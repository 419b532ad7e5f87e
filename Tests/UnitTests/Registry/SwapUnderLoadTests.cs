using System.Collections.Concurrent;
using System.Diagnostics;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Grains.Interfaces.Models;
using LeadRecs.Grains.Registry;
using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Scoring;
using LeadRecs.UnitTests.Grains;
using LeadRecs.UnitTests.Training;
using Xunit.Abstractions;

namespace LeadRecs.UnitTests.Registry;

/// <summary>
/// Hot swaps while users keep asking: every request must succeed and name a version that was registered (a
/// half-loaded model is never served, because a silo flips only after loading and warming). Prints swap times,
/// latency during swaps against the steady state, and memory before and after (run with
/// <c>--logger "console;verbosity=detailed"</c> to see them); only correctness is asserted.
/// </summary>
[Collection(RegistryClusterCollection.Name)]
public sealed class SwapUnderLoadTests(RegistryClusterFixture fixture, ITestOutputHelper output)
{
    private const int Swaps = 20;

    private IModelRegistryGrain Registry => fixture.Grains.GetGrain<IModelRegistryGrain>(RegistryClusterFixture.ServingModel);

    [Fact]
    public async Task Forty_swaps_under_sustained_load_fail_no_request()
    {
        var p = TestLeads.Prefix();
        var (lat, lon) = TestLeads.PrivateSpot();
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
        {
            var lead = TestLeads.Lead($"{p}-l{i}", lat + i * 0.001, lon) with { ListedAt = DateTimeOffset.UtcNow.AddDays(-5) };
            return fixture.Grains.GetGrain<ILeadGrain>(lead.Id).UpsertAsync(lead);
        }));
        var users = Enumerable.Range(0, 50).Select(u => $"{p}-u{u}").ToArray();
        await fixture.Grains.GetGrain<IInteractionIngestGrain>(0).ApplyAsync(users
            .Select((u, i) => new InteractionEvent(u, $"{p}-l{i % 30}", InteractionKind.View, DateTimeOffset.UtcNow.AddMinutes(-5), $"{p}-e{i}"))
            .ToArray());

        var artifacts = new[] { LeadModelFixture.OnV1.Artifact, LeadModelFixture.Latest.Artifact };
        foreach (var artifact in artifacts)
        {
            await fixture.Store.PutAsync(artifact);
        }
        var registered = new ConcurrentDictionary<string, bool>();
        // Before this test the registry may have a stable version, or none (then the baseline serves).
        registered[(await Registry.GetSnapshotAsync()).Stable?.Version ?? BaselineScorer.Instance.Model.Version] = true;

        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentQueue<Exception>();
        var latencies = new ConcurrentQueue<(long At, double Ms, string Version)>();
        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            var n = worker;
            while (!stop.IsCancellationRequested)
            {
                // A new event for the user makes the next answer a fresh ranking, so every request scores.
                var user = users[n++ % users.Length];
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await fixture.Grains.GetGrain<IInteractionIngestGrain>(0).ApplyAsync(
                        [new InteractionEvent(user, $"{p}-l{n % 30}", InteractionKind.View, DateTimeOffset.UtcNow, $"{p}-w{worker}-{n}")]);
                    var recs = await fixture.Grains.GetGrain<IUserGrain>(user).GetRecommendationsAsync(10);
                    latencies.Enqueue((Stopwatch.GetTimestamp(), Stopwatch.GetElapsedTime(started).TotalMilliseconds, recs.Model.Version));
                }
                catch (Exception ex)
                {
                    failures.Enqueue(ex);
                }
            }
        })).ToArray();

        await Task.Delay(1500); // steady state before the first swap
        var steadyUntil = Stopwatch.GetTimestamp();
        var memoryBefore = ManagedAndNativeBytes();
        var sessionsBefore = OnnxScorer.LiveSessions;
        var swapTimes = new List<double>();
        var memoryMidway = 0L;
        for (var i = 0; i < 2 * Swaps; i++)
        {
            var version = $"{p}-v{i}";
            var entry = artifacts[i % 2].Manifest.ToVersionEntry(DateTimeOffset.UtcNow, "swap test") with { Version = version };
            registered[version] = true;
            var started = Stopwatch.GetTimestamp();
            var result = await Registry.RegisterAsync(entry, 0.5, "swap test");
            Assert.True(result.Succeeded, result.Error);
            // The very first version of a fresh registry is stable already; every later one is promoted.
            var promoted = result.Snapshot.Stable?.Version == version ? result : await Registry.PromoteAsync(version, "swap test");
            Assert.True(promoted.Succeeded, promoted.Error);
            await TestLeads.Eventually(() => Task.FromResult(fixture.SiloModels.All(m => m.Revision >= promoted.Snapshot.Revision)), $"swap {i}");
            swapTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (i == Swaps - 1)
            {
                memoryMidway = ManagedAndNativeBytes();
            }
        }
        var swapsUntil = Stopwatch.GetTimestamp();
        await Task.Delay(500);
        stop.Cancel();
        await Task.WhenAll(load);

        Assert.Empty(failures);
        var all = latencies.ToArray();
        Assert.All(all, l => Assert.True(registered.ContainsKey(l.Version), $"served by unregistered version {l.Version}"));
        Assert.Contains(all, l => l.Version == $"{p}-v{2 * Swaps - 1}");

        // Replaced sessions are freed after the grace period; give it time, then compare memory.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var memoryAfter = ManagedAndNativeBytes();
        var steady = all.Where(l => l.At < steadyUntil).Select(l => l.Ms).ToArray();
        var swapping = all.Where(l => l.At >= steadyUntil && l.At <= swapsUntil).Select(l => l.Ms).ToArray();
        output.WriteLine($"requests: {all.Length}, failed: {failures.Count}");
        output.WriteLine($"swap (register + promote + both silos serving) ms: median {Percentile(swapTimes, 0.5):0.0}, max {swapTimes.Max():0.0}");
        output.WriteLine($"event+recommendation p99 ms: steady {Percentile(steady, 0.99):0.00} (n={steady.Length}), during swaps {Percentile(swapping, 0.99):0.00} (n={swapping.Length})");
        output.WriteLine($"live ONNX sessions in the process: before swaps {sessionsBefore}, after {2 * Swaps} swaps and the grace period {OnnxScorer.LiveSessions}");
        // A leak grows with every swap; warm-up (JIT, allocator arenas, a heap sized for the load) does not.
        output.WriteLine(
            $"process memory (working set) MiB: before swaps {memoryBefore / 1048576.0:0.0}, after {Swaps} swaps {memoryMidway / 1048576.0:0.0}, after {2 * Swaps} swaps {memoryAfter / 1048576.0:0.0}");
    }

    private static long ManagedAndNativeBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    private static double Percentile(IReadOnlyCollection<double> values, double q)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    }
}
