namespace LeadRecs.Silo.Hosting;

/// <summary>
/// Readiness as the cluster sees this process: a silo is ready while it is an active member, an Orleans client
/// while it has a gateway. Read by the <c>/health</c> endpoints on every request, so it must be cheap.
/// </summary>
public interface IClusterReadinessProbe
{
    ClusterReadiness Check();
}
