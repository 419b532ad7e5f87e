using LeadRecs.Silo.Hosting;

namespace LeadRecs.Client.Api.Hosting;

/// <summary>
/// In cluster mode the Orleans client has connected (or this process's own silo has joined) once the host has
/// started; from then on readiness follows the cluster probe, so it turns false when the silo stops being an active
/// member or the client loses its last gateway, and true again when that is over.
/// </summary>
public sealed class ClusterReadinessService(ServiceReadiness readiness, IClusterReadinessProbe probe, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            readiness.FollowCluster(probe);
            readiness.MarkReady("connected to the cluster");
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
