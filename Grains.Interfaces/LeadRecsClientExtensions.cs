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
        });
        return builder;
    }
}
