using System.Diagnostics;
using System.Text.Json;
using LeadRecs.Grains;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using Npgsql;
using Orleans.Runtime;

namespace LeadRecs.IntegrationTests.Cluster;

[Collection(RedisClusterCollection.Name)]
public sealed class ClusterTests(RedisClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private static LeadInfo Lead(string id, double lat, double lon) =>
        new(id, lat, lon, 500_000, LeadKind.Condo, 2, 80, DateTimeOffset.UtcNow.AddDays(-3), LeadStatus.Active);

    private static int _areas;

    /// <summary>Leads in an area of this call's own (tests share the cluster), users who viewed and clicked them.</summary>
    private async Task<string> SeedAsync(int leads, int users)
    {
        var p = Guid.NewGuid().ToString("N")[..8];
        var area = Interlocked.Increment(ref _areas);
        var (lat, lon) = (-40 + area * 2.0, 20 + area * 3.0);
        await Task.WhenAll(Enumerable.Range(0, leads).Select(i =>
            Grains.GetGrain<ILeadGrain>($"{p}-l{i}").UpsertAsync(Lead($"{p}-l{i}", lat + i * 0.002, lon))));
        var now = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(0, users).SelectMany(u => new[]
        {
            new InteractionEvent($"{p}-u{u}", $"{p}-l{u % leads}", InteractionKind.View, now),
            new InteractionEvent($"{p}-u{u}", $"{p}-l{(u + 1) % leads}", InteractionKind.Click, now),
        }).ToArray();
        await Grains.GetGrain<IInteractionIngestGrain>(0).ApplyAsync(events);
        return p;
    }

    [Fact]
    public async Task Both_silos_joined_through_Redis_and_host_grains()
    {
        var management = Grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true);
        Assert.Equal(2, hosts.Count);

        await SeedAsync(leads: 200, users: 50);
        var stats = await management.GetSimpleGrainStatistics();
        var silosWithLeads = stats.Where(s => s.GrainType.Contains(nameof(LeadGrain)) && s.ActivationCount > 0)
            .Select(s => s.SiloAddress).Distinct().Count();
        Assert.Equal(2, silosWithLeads);
    }

    [Fact]
    public async Task Calls_across_silos_give_consistent_answers()
    {
        var p = await SeedAsync(leads: 60, users: 30);
        for (var u = 0; u < 30; u++)
        {
            var summary = await Grains.GetGrain<IUserGrain>($"{p}-u{u}").GetSummaryAsync();
            Assert.Equal(2, summary.InteractionCount);
            var recs = await Grains.GetGrain<IUserGrain>($"{p}-u{u}").GetRecommendationsAsync(5);
            Assert.Equal(5, recs.Items.Count);
            Assert.All(recs.Items, i => Assert.StartsWith(p, i.LeadId));
        }
    }

    [Fact]
    public async Task State_is_written_to_PostgreSQL_and_survives_deactivation()
    {
        var p = await SeedAsync(leads: 10, users: 5);
        var user = Grains.GetGrain<IUserGrain>($"{p}-u0");
        var before = await user.GetSummaryAsync();
        // Deactivate every idle grain in the cluster: the next call reactivates from PostgreSQL.
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var after = await user.GetSummaryAsync();
        Assert.Equal(before.InteractionCount, after.InteractionCount);
        Assert.Equal(before.RecentLeadIds, after.RecentLeadIds);

        await using var connection = new NpgsqlConnection(fixture.Postgres);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM orleansstorage WHERE grainidextensionstring LIKE @p", connection);
        count.Parameters.AddWithValue("p", $"%{p}%");
        Assert.True((long)(await count.ExecuteScalarAsync())! > 0);
    }

    [Fact]
    public async Task A_reactivated_user_is_served_from_the_Redis_tier_until_behaviour_changes()
    {
        var p = await SeedAsync(leads: 30, users: 4);
        var user = Grains.GetGrain<IUserGrain>($"{p}-u2");
        var computed = await user.GetRecommendationsAsync(5);
        Assert.False(computed.Cached);

        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var fromRedis = await user.GetRecommendationsAsync(5);
        Assert.True(fromRedis.Cached);
        Assert.Equal(computed.RecommendationId, fromRedis.RecommendationId);
        Assert.Equal(computed.Items, fromRedis.Items);

        await Grains.GetGrain<IInteractionIngestGrain>(0).ApplyAsync(
            [new InteractionEvent($"{p}-u2", $"{p}-l7", InteractionKind.Inquiry, DateTimeOffset.UtcNow, EventId: $"{p}-fresh")]);
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var afterEvent = await user.GetRecommendationsAsync(5);
        Assert.False(afterEvent.Cached);
        Assert.NotEqual(computed.RecommendationId, afterEvent.RecommendationId);
    }

    [Fact]
    public async Task A_ranking_refreshed_ahead_is_in_the_Redis_tier_too()
    {
        var p = await SeedAsync(leads: 30, users: 4);
        var user = Grains.GetGrain<IUserGrain>($"{p}-u1");
        await user.GetRecommendationsAsync(5);
        await user.GetRecommendationsAsync(5); // read twice: new behaviour of this user is ranked ahead of the next read
        await Grains.GetGrain<IInteractionIngestGrain>(0).ApplyAsync(
            [new InteractionEvent($"{p}-u1", $"{p}-l9", InteractionKind.Click, DateTimeOffset.UtcNow, EventId: $"{p}-new")]);

        // Watched in Redis itself, without a read that would compute it on request: the rankings of both feature versions.
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(TestEnvironment.RedisAddress);
        var server = redis.GetServers()[0];
        var stopwatch = Stopwatch.StartNew();
        while (server.Keys(pattern: $"{fixture.ServiceId}:leadrecs:ranking:*:{p}-u1").Count() < 2 && stopwatch.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(50);
        }
        Assert.Equal(2, server.Keys(pattern: $"{fixture.ServiceId}:leadrecs:ranking:*:{p}-u1").Count());

        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var reactivated = await user.GetRecommendationsAsync(5);
        Assert.True(reactivated.Cached, "the reactivated grain should find the ranking refreshed ahead in Redis");
    }

    [Fact]
    public async Task State_survives_a_restart_of_every_silo()
    {
        var p = await SeedAsync(leads: 40, users: 20);
        var before = await Task.WhenAll(Enumerable.Range(0, 20).Select(u => Grains.GetGrain<IUserGrain>($"{p}-u{u}").GetSummaryAsync()));
        var leadBefore = await Grains.GetGrain<ILeadGrain>($"{p}-l1").GetAsync();

        for (var i = 0; i < fixture.Silos.Count; i++)
        {
            await fixture.RestartSiloAsync(i);
        }

        var after = await Task.WhenAll(Enumerable.Range(0, 20).Select(u => Grains.GetGrain<IUserGrain>($"{p}-u{u}").GetSummaryAsync()));
        for (var u = 0; u < 20; u++)
        {
            Assert.Equal(before[u].InteractionCount, after[u].InteractionCount);
            Assert.Equal(before[u].FeatureVersion, after[u].FeatureVersion);
            Assert.Equal(before[u].RecentLeadIds, after[u].RecentLeadIds);
        }
        var leadAfter = await Grains.GetGrain<ILeadGrain>($"{p}-l1").GetAsync();
        Assert.Equal(leadBefore!.Views + leadBefore.Clicks, leadAfter!.Views + leadAfter.Clicks);
        Assert.Equal(5, (await Grains.GetGrain<IUserGrain>($"{p}-u3").GetRecommendationsAsync(5)).Items.Count);
    }

    /// <summary>
    /// The leadrecs tool as built in its own output folder (next to its own dependencies), in the same
    /// configuration as these tests: Tests/IntegrationTests/bin/{Configuration}/net10.0 -> Tools/bin/{Configuration}/net10.0.
    /// </summary>
    private static string ToolPath()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var repo = testBin.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(repo, "Tools", "bin", configuration, framework, "leadrecs.dll");
        Assert.True(File.Exists(path), $"the leadrecs tool should be built at {path}");
        return path;
    }

    [Fact]
    public async Task A_separate_client_process_uses_the_client_SDK()
    {
        var p = await SeedAsync(leads: 20, users: 3);
        var tool = ToolPath();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { tool, "recommend", "--redis", TestEnvironment.RedisAddress, "--user", $"{p}-u1", "--k", "4",
                     "--cluster-id", fixture.ClusterId, "--service-id", fixture.ServiceId })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await stderr}");

        using var doc = JsonDocument.Parse(await stdout);
        Assert.Equal($"{p}-u1", doc.RootElement.GetProperty("userId").GetString());
        var items = doc.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, items.Count);
        Assert.All(items, i => Assert.StartsWith(p, i.GetProperty("leadId").GetString()));
    }
}
