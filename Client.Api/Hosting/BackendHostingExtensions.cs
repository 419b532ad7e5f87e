using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Registry;
using LeadRecs.Silo.Hosting;
using LeadRecs.Storage;
using LeadRecs.Storage.Models;
using Npgsql;

namespace LeadRecs.Client.Api.Hosting;

public static class BackendHostingExtensions
{
    /// <summary>Set to true (<c>LeadRecs__Cluster__HostSilo</c>) for an API that is a silo of the cluster itself.</summary>
    public const string HostSiloKey = "LeadRecs:Cluster:HostSilo";

    /// <summary>
    /// Cluster mode when ConnectionStrings:Redis is set: an Orleans client of the cluster, or with
    /// <see cref="HostSiloKey"/> one of its silos (the interaction log in PostgreSQL either way). Embedded mode
    /// otherwise: a silo in this process, in-memory storage and log, a seeded demo market.
    /// </summary>
    public static IHostApplicationBuilder AddLeadRecsBackend(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ServiceReadiness>();
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            return builder.AddEmbeddedSilo();
        }
        return builder.Configuration.GetValue(HostSiloKey, false)
            ? builder.AddCoHostedSilo()
            : builder.AddClusterClient(redis);
    }

    /// <summary>
    /// The API as a silo of the cluster, configured as the Silo host configures itself. A request then reaches a
    /// grain without the client's TCP hop and serialization, and not at all when the grain lives in this process:
    /// on a small machine that is most of what a cached recommendation costs (see bench/README.md). The silo's
    /// registrations serve the API too: its interaction log (appends included) and its model artifact store.
    /// </summary>
    private static IHostApplicationBuilder AddCoHostedSilo(this IHostApplicationBuilder builder)
    {
        builder.AddLeadRecsSilo();
        builder.Services.AddHostedService<ClusterReadinessService>();
        return builder;
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
        builder.Services.AddSingleton<ClientGatewayReadiness>();
        builder.Services.AddSingleton<IClusterConnectionStatusObserver>(sp => sp.GetRequiredService<ClientGatewayReadiness>());
        builder.Services.AddSingleton<IClusterReadinessProbe>(sp => sp.GetRequiredService<ClientGatewayReadiness>());
        builder.Services.AddHostedService<ClusterReadinessService>();
        // The model endpoints need the serving model's name and the default canary share; a host with a silo has
        // them from the grains' registration.
        builder.Services.AddOptions<ModelRegistryOptions>().BindConfiguration(ModelRegistryOptions.Section);
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
        builder.AddDemoAdminKeyIfMissing();
        return builder;
    }
}
