using LeadRecs.Silo.Hosting;

namespace LeadRecs.Client.Api.Hosting;

/// <summary>
/// Whether the service is ready for traffic: it has started (in embedded mode, the demo market is seeded) and, in
/// cluster mode, the cluster probe says so now (the co-hosted silo is an active member, or the client has a gateway).
/// </summary>
public sealed class ServiceReadiness
{
    private volatile bool _ready;
    private volatile string _status = "starting";
    private volatile IClusterReadinessProbe? _cluster;

    public bool IsReady => _ready && (_cluster?.Check().IsReady ?? true);

    /// <summary>Started (in embedded mode: the demo market seeded), whatever the cluster probe says now.</summary>
    public bool HasStarted => _ready;

    public string Status => _ready && _cluster is { } cluster ? cluster.Check().Status : _status;

    public void MarkReady(string status)
    {
        _status = status;
        _ready = true;
    }

    /// <summary>From now on readiness also asks <paramref name="probe"/>, on every check.</summary>
    public void FollowCluster(IClusterReadinessProbe probe) => _cluster = probe;

    public void Report(string status) => _status = status;
}
