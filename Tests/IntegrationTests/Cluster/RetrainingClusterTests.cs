using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Grains.Interfaces.Models;
using LeadRecs.Grains.Models;
using LeadRecs.Ranking.Simulation;
using LeadRecs.Storage;
using LeadRecs.Storage.Models;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LeadRecs.IntegrationTests.Cluster;

/// <summary>Two silos of their own (Redis membership, PostgreSQL state, reminders, log and artifacts) that retrain in a few seconds.</summary>
public sealed class RetrainingRedisClusterFixture : RedisClusterFixture
{
    public const double CanaryShare = 0.3;

    protected override IReadOnlyDictionary<string, string?> SiloSettings { get; } = new Dictionary<string, string?>
    {
        ["LeadRecs:Retraining:MaxEpochs"] = "1",
        ["LeadRecs:Retraining:CanaryShare"] = "0.3",
        ["LeadRecs:Models:PollInterval"] = "00:00:01",
    };
}

/// <summary>
/// Retraining in the real cluster: the run reads the interaction log in PostgreSQL and the catalog from grains on
/// both silos, stores the artifact in PostgreSQL, and the version it registers is loaded and served by every silo.
/// </summary>
public sealed class RetrainingClusterTests(RetrainingRedisClusterFixture fixture) : IClassFixture<RetrainingRedisClusterFixture>
{
    private const string Model = IModelRegistryGrain.DefaultModelName;

    [Fact]
    public async Task A_retrain_reads_the_PostgreSQL_log_and_registers_a_canary_that_both_silos_serve()
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.Postgres);
        var market = await SeedAsync(new PostgresInteractionLog(dataSource));
        var retraining = fixture.Grains.GetGrain<IRetrainingGrain>(Model);

        // Every silo scheduled the serving model's retraining at start (a reminder in PostgreSQL).
        await WaitUntilAsync(async () => (await retraining.GetStatusAsync()).NextScheduledAt is not null, "the schedule was never registered");

        // The first retrained version becomes stable; the second is the canary at the configured share.
        var first = await RunAsync(retraining, "first");
        var second = await RunAsync(retraining, "second");
        Assert.True(first.Rows > 0 && second.Rows > 0);

        var registry = await fixture.Grains.GetGrain<IModelRegistryGrain>(Model).GetSnapshotAsync();
        Assert.Equal(first.Version, registry.Stable?.Version);
        Assert.Equal(second.Version, registry.Canary?.Version);
        Assert.Equal(RetrainingRedisClusterFixture.CanaryShare, registry.CanaryShare);

        var artifact = await new PostgresModelArtifactStore(dataSource).GetAsync(registry.Canary!.Sha256);
        Assert.NotNull(artifact);
        Assert.StartsWith("interaction-log:", artifact.Manifest.TrainingData.Source);
        // Rows start with the earliest logged interaction (PostgreSQL keeps microseconds).
        Assert.InRange(artifact.Manifest.TrainingData.From!.Value,
            market.Interactions.Min(i => i.At).AddMilliseconds(-1), market.Interactions.Max(i => i.At));

        foreach (var silo in fixture.Silos)
        {
            var models = silo.Services.GetRequiredService<ServingModels>();
            await WaitUntilAsync(
                () => Task.FromResult(models.Find(second.Version, null) is not null && models.Find(first.Version, null) is not null),
                "a silo never loaded the retrained versions");
        }
    }

    private static async Task<RetrainingRun> RunAsync(IRetrainingGrain retraining, string reason)
    {
        var started = await retraining.TriggerAsync(RetrainingRun.ManualTrigger, reason);
        RetrainingRun? finished = null;
        await WaitUntilAsync(async () =>
        {
            finished = (await retraining.GetStatusAsync()).Recent.FirstOrDefault(r => r.Id == started.Id);
            return finished is not null;
        }, $"run {started.Id} did not finish");
        Assert.True(finished!.Status == RetrainingRun.Succeeded, finished.Error);
        return finished;
    }

    /// <summary>Ten days of a small market ending now: leads and market data in the grains, events in the PostgreSQL log.</summary>
    private async Task<SimulatedMarket> SeedAsync(IInteractionLog log)
    {
        var market = MarketSimulator.Simulate(new SimulationOptions
        {
            Seed = 9, LeadCount = 300, UserCount = 50, Days = 10, UseKcHouse = false, Start = DateTimeOffset.UtcNow.AddDays(-10),
        });
        var grains = fixture.Grains;
        foreach (var chunk in market.Leads.Chunk(100))
        {
            await Task.WhenAll(chunk.Select(l => grains.GetGrain<ILeadGrain>(l.Id).UpsertAsync(new LeadInfo(
                l.Id, l.Lat, l.Lon, l.Price, (LeadKind)(int)l.Kind, l.Bedrooms, l.AreaSqm, l.ListedAt, (LeadStatus)(int)l.Status))));
        }
        await Task.WhenAll(market.MarketPoints.GroupBy(p => p.CellId).Select(g => grains.GetGrain<IGeoCellGrain>(g.Key).AddMarketDataAsync(
            g.Select(p => new MarketObservation(p.CellId, p.Date, p.MedianPrice, p.PricePerSqm, p.Inventory, p.DaysOnMarket)).ToArray())));
        // Only what happened before now: the run reads the window up to its start.
        var past = market.Interactions.Where(i => i.At < DateTimeOffset.UtcNow).ToList();
        foreach (var chunk in past.Chunk(2000))
        {
            await log.AppendAsync(chunk);
        }
        return market with { Interactions = past };
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(200);
        }
    }
}
