using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;

namespace LeadRecs.Grains.Interfaces;

/// <summary>
/// The Orleans client SDK for backend apps: reference this assembly, call <see cref="AddLeadRecsClient"/>, and
/// inject <see cref="IClusterClient"/> (or <see cref="IGrainFactory"/>) to call the grains directly.
/// </summary>
public static class LeadRecsClientExtensions
{
    public const string DefaultClusterId = "leadrecs";
    public const string DefaultServiceId = "leadrecs";

    /// <summary>
    /// How long a grain call may take before it fails (Orleans' default is 30 s). Every LeadRecs call takes
    /// milliseconds; one that takes seconds was sent to a silo that died, and failing it lets the caller retry.
    /// </summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(8);

    /// <summary>
    /// How often a client re-reads the gateway list from Redis (Orleans' default is 1 min). A gateway that is no longer
    /// an active silo there (declared dead, e.g. frozen) has its connection closed at the next read, so requests stop
    /// going to it within seconds instead of timing out there for a minute. One HGETALL of a few rows.
    /// </summary>
    public static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(1);

    /// <param name="redisConnectionString">The Redis that the silos use for membership, e.g. "localhost:6379".</param>
    public static IHostApplicationBuilder AddLeadRecsClient(
        this IHostApplicationBuilder builder,
        string redisConnectionString,
        string clusterId = DefaultClusterId,
        string serviceId = DefaultServiceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(redisConnectionString);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = serviceId;
            });
            client.UseRedisClustering(redisConnectionString);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = GatewayListRefreshPeriod);
        });
        return builder;
    }
}
