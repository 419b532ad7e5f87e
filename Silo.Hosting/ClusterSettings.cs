using LeadRecs.Storage;
using Microsoft.Extensions.Configuration;

namespace LeadRecs.Silo.Hosting;

/// <summary>
/// Where the cluster's shared parts are. The same keys are used everywhere a silo runs: appsettings, the local
/// cluster script, and the Kubernetes manifests (as environment variables, e.g. <c>ConnectionStrings__Redis</c>).
/// </summary>
public sealed record ClusterSettings(
    string Redis,
    string Postgres,
    string ClusterId,
    string ServiceId,
    int SiloPort,
    int GatewayPort)
{
    public const string DefaultClusterId = "leadrecs";
    public const string DefaultServiceId = "leadrecs";

    public static ClusterSettings FromConfiguration(IConfiguration configuration)
    {
        var redis = configuration.GetConnectionString("Redis");
        var postgres = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(redis) || string.IsNullOrWhiteSpace(postgres))
        {
            throw new InvalidOperationException(
                "A silo needs ConnectionStrings:Redis (membership) and ConnectionStrings:Postgres (grain storage, reminders). "
                + "Set them in configuration or as ConnectionStrings__Redis / ConnectionStrings__Postgres.");
        }
        var section = configuration.GetSection("LeadRecs:Cluster");
        return new ClusterSettings(
            redis,
            PostgresConnections.WithBoundedPool(postgres),
            section["ClusterId"] ?? DefaultClusterId,
            section["ServiceId"] ?? DefaultServiceId,
            section.GetValue("SiloPort", 11111),
            section.GetValue("GatewayPort", 30000));
    }
}
