using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Storage;
using LeadRecs.Storage.Models;
using Npgsql;

namespace LeadRecs.Client.Api.Hosting;

public static class BackendHostingExtensions
{
    /// <summary>
    /// Cluster mode when ConnectionStrings:Redis is set (an Orleans client; the interaction log in PostgreSQL),
    /// embedded mode otherwise (a silo in this process, in-memory storage and log, a seeded demo market).
    /// </summary>
    public static IHostApplicationBuilder AddLeadRecsBackend(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ServiceReadiness>();
        var redis = builder.Configuration.GetConnectionString("Redis");
        return string.IsNullOrWhiteSpace(redis)
            ? builder.AddEmbeddedSilo()
            : builder.AddClusterClient(redis);
    }

    private static IHostApplicationBuilder AddClusterClient(this IHostApplicationBuilder builder, string redis)
    {
        var postgres = builder.Configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(postgres))
        {
            throw new InvalidOperationException(
                "Cluster mode (ConnectionStrings:Redis set) also needs ConnectionStrings:Postgres for the interaction log.");
        }
        var section = builder.Configuration.GetSection("LeadRecs:Cluster");
        builder.AddLeadRecsClient(
            redis,
            section["ClusterId"] ?? LeadRecsClientExtensions.DefaultClusterId,
            section["ServiceId"] ?? LeadRecsClientExtensions.DefaultServiceId);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(PostgresConnections.WithBoundedPool(postgres)));
        builder.Services.AddSingleton<IInteractionLog>(sp => new PostgresInteractionLog(sp.GetRequiredService<NpgsqlDataSource>()));
        // Uploaded model versions are stored here before the registry hears of them.
        builder.Services.AddSingleton<IModelArtifactStore>(sp => new PostgresModelArtifactStore(sp.GetRequiredService<NpgsqlDataSource>()));
        builder.Services.AddHostedService<ClusterReadinessService>();
        return builder;
    }

    private static IHostApplicationBuilder AddEmbeddedSilo(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("LeadRecs:Embedded");
        var siloPort = section.GetValue("SiloPort", 11111);
        var gatewayPort = section.GetValue("GatewayPort", 30000);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort);
            silo.AddLeadRecsMemoryStorage();
            silo.UseInMemoryReminderService();
            silo.Services.AddLeadRecsGrains();
        });
        builder.Services.AddSingleton<IInteractionLog, InMemoryInteractionLog>();
        builder.Services.AddOptions<DemoMarketOptions>().BindConfiguration(DemoMarketOptions.Section);
        builder.Services.AddHostedService<DemoMarketSeeder>();
        return builder;
    }
}
