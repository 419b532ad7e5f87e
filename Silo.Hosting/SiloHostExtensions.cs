using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace LeadRecs.Silo.Hosting;

public static class SiloHostExtensions
{
    /// <summary>How long a stopping silo has to deactivate grains (and flush their state) before it is killed.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(45);

    /// <summary>
    /// Configures this process as a cluster silo. Under Kubernetes (POD_NAME set) the pod's identity and address
    /// come from Orleans' Kubernetes hosting; elsewhere from the configured ports on this host.
    /// </summary>
    public static IHostApplicationBuilder AddLeadRecsSilo(this IHostApplicationBuilder builder)
    {
        var settings = ClusterSettings.FromConfiguration(builder.Configuration);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.UseOrleans(silo =>
        {
            silo.UseLeadRecsCluster(settings);
            if (Environment.GetEnvironmentVariable("POD_NAME") is not null)
            {
                silo.UseKubernetesHosting();
            }
            else
            {
                var address = builder.Configuration["LeadRecs:Cluster:AdvertisedIP"] is { } ip ? IPAddress.Parse(ip) : IPAddress.Loopback;
                silo.Configure<EndpointOptions>(o =>
                {
                    o.AdvertisedIPAddress = address;
                    o.SiloPort = settings.SiloPort;
                    o.GatewayPort = settings.GatewayPort;
                });
            }
        });
        return builder;
    }
}
