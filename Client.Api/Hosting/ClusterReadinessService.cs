namespace LeadRecs.Client.Api.Hosting;

/// <summary>In cluster mode the Orleans client has connected (or this process's own silo has joined) once the host has started: then we are ready.</summary>
public sealed class ClusterReadinessService(ServiceReadiness readiness, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => readiness.MarkReady("connected to the cluster"));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
