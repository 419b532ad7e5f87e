using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Grains.Interfaces.Models;
using LeadRecs.Grains.Retraining;
using LeadRecs.Ranking.Simulation;
using LeadRecs.Storage;
using LeadRecs.Storage.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace LeadRecs.UnitTests.Retraining;

/// <summary>
/// One in-process silo with in-memory storage and reminders, an in-memory interaction log holding a tiny simulated
/// market (its leads and market data in the grains), fake domain time, and a trainer tests can hold or fail. Each
/// test retrains its own model name; the silo's drift reporter reports only when a test asks it to.
/// </summary>
public sealed class RetrainingClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public const double CanaryShare = 0.2;

    public static readonly TimeSpan DriftCooldown = TimeSpan.FromHours(1);

    public const long MinDriftObservations = 500;

    public FakeTimeProvider Time { get; } = new(Start);

    public InMemoryInteractionLog Log { get; } = new();

    public InMemoryModelArtifactStore Artifacts { get; } = new();

    internal ControlledTrainer Trainer { get; } = new();

    public SimulatedMarket Market { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddLeadRecsMemoryStorage();
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton(new DomainClock(Time));
            silo.Services.AddSingleton<IInteractionLog>(Log);
            silo.Services.AddSingleton<IModelArtifactStore>(Artifacts);
            silo.Services.AddSingleton<IRetrainingTrainer>(Trainer);
            silo.Services.AddLeadRecsGrains();
            silo.Services.Configure<RetrainingOptions>(o =>
            {
                // The silo's own reporter schedules the serving model once at start; tests call it for reports.
                o.DriftReportInterval = TimeSpan.FromHours(1);
                o.MaxEpochs = 1;
                o.CanaryShare = CanaryShare;
                o.DriftCooldown = DriftCooldown;
                o.MinDriftObservations = MinDriftObservations;
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await SeedAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>A model name no other test uses.</summary>
    public static string NewModel() => $"rt-{Guid.NewGuid():N}"[..15];

    public IRetrainingGrain Retraining(string model) => Grains.GetGrain<IRetrainingGrain>(model);

    public IModelRegistryGrain Registry(string model) => Grains.GetGrain<IModelRegistryGrain>(model);

    /// <summary>Waits until no run is in flight and <paramref name="runs"/> have finished.</summary>
    public async Task<RetrainingStatus> WaitForRunsAsync(string model, int runs = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var status = await Retraining(model).GetStatusAsync();
            if (status.Current is null && status.Recent.Count >= runs)
            {
                return status;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{model}: {status.Recent.Count} of {runs} runs finished, current {status.Current}");
            await Task.Delay(50);
        }
    }

    /// <summary>Ten days of a small market ending at <see cref="Start"/>: leads and market data in the grains, events in the log.</summary>
    private async Task SeedAsync()
    {
        Market = MarketSimulator.Simulate(new SimulationOptions
        {
            Seed = 5, LeadCount = 400, UserCount = 60, Days = 10, UseKcHouse = false, Start = Start.AddDays(-10),
        });
        foreach (var chunk in Market.Leads.Chunk(100))
        {
            await Task.WhenAll(chunk.Select(l => Grains.GetGrain<ILeadGrain>(l.Id).UpsertAsync(new LeadInfo(
                l.Id, l.Lat, l.Lon, l.Price, (LeadKind)(int)l.Kind, l.Bedrooms, l.AreaSqm, l.ListedAt, (LeadStatus)(int)l.Status))));
        }
        await Task.WhenAll(Market.MarketPoints.GroupBy(p => p.CellId).Select(g => Grains.GetGrain<IGeoCellGrain>(g.Key).AddMarketDataAsync(
            g.Select(p => new MarketObservation(p.CellId, p.Date, p.MedianPrice, p.PricePerSqm, p.Inventory, p.DaysOnMarket)).ToArray())));
        await Log.AppendAsync(Market.Interactions);
    }
}

[CollectionDefinition(Name)]
public sealed class RetrainingClusterCollection : ICollectionFixture<RetrainingClusterFixture>
{
    public const string Name = "retraining cluster";
}
