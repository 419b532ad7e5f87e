using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Models;
using LeadRecs.Grains.Registry;
using LeadRecs.Storage;
using LeadRecs.Storage.Models;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace LeadRecs.UnitTests.Registry;

/// <summary>
/// Two in-process silos that serve the model name <see cref="ServingModel"/>, with fast polls and flushes and an
/// artifact store shared by both (as PostgreSQL is in the real cluster). Experiments decide automatically after
/// <see cref="MinimumImpressions"/> impressions per variant.
/// </summary>
public sealed class RegistryClusterFixture : IAsyncLifetime
{
    public const string ServingModel = "registry-test";
    public const long MinimumImpressions = 300;

    public InMemoryModelArtifactStore Store { get; } = new();

    /// <summary>One log for both silos, as PostgreSQL is: user grains replay it when they start.</summary>
    public InMemoryInteractionLog Log { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public IEnumerable<ServingModels> SiloModels =>
        Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<ServingModels>());

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddLeadRecsMemoryStorage();
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<IModelArtifactStore>(Store);
            silo.Services.AddSingleton<IInteractionLog>(Log);
            silo.Services.AddLeadRecsGrains();
            silo.Services.Configure<ModelRegistryOptions>(o =>
            {
                o.ServingModel = ServingModel;
                o.PollInterval = TimeSpan.FromMilliseconds(300);
                o.TallyFlushInterval = TimeSpan.FromMilliseconds(100);
                o.RetiredModelGrace = TimeSpan.FromSeconds(1);
            });
            silo.Services.Configure<ExperimentOptions>(o =>
            {
                o.MinimumImpressionsPerVariant = MinimumImpressions;
                o.EvaluateInterval = TimeSpan.Zero;
            });
            silo.Services.Configure<LeadRecsGrainOptions>(o => o.ReportInterval = TimeSpan.FromMilliseconds(100));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class RegistryClusterCollection : ICollectionFixture<RegistryClusterFixture>
{
    public const string Name = "registry cluster";
}
