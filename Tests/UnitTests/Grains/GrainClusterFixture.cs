using LeadRecs.Grains.Hosting;
using LeadRecs.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace LeadRecs.UnitTests.Grains;

/// <summary>
/// One in-process silo with in-memory storage shared by the grain tests; each test uses its own keys.
/// Domain time is fake so that decay can be tested without waiting; the silo itself runs on real time.
/// </summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>The interaction log the silo's user grains replay from.</summary>
    public InMemoryInteractionLog Log { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddLeadRecsMemoryStorage();
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton(new DomainClock(Time));
            silo.Services.AddSingleton<IInteractionLog>(Log);
            silo.Services.AddLeadRecsGrains();
            silo.Services.Configure<LeadRecsGrainOptions>(o =>
            {
                o.ReportInterval = TimeSpan.FromMilliseconds(100);
                o.FlushInterval = TimeSpan.FromMilliseconds(200);
                o.UserFlushInterval = TimeSpan.FromMilliseconds(200);
                o.MaxLeadsPerCell = 50;
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainClusterFixture>
{
    public const string Name = "grain cluster";
}
