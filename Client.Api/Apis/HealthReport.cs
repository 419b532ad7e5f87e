using LeadRecs.Client.Api.Hosting;
using LeadRecs.Grains.Resilience;

namespace LeadRecs.Client.Api.Apis;

/// <summary>
/// The <c>/health</c> answer: readiness, and what this process has seen of PostgreSQL and Redis. A dependency outage
/// makes the status <c>degraded</c> but leaves the instance ready (200): every instance shares the dependency, so
/// taking this one out of rotation would not help, and it still serves reads from grain memory and Redis.
/// </summary>
public static class HealthReport
{
    public static object Of(ServiceReadiness readiness, DependencyHealth dependencies)
    {
        var seen = dependencies.Snapshot();
        var degraded = readiness.IsReady && seen.Values.Contains(DependencyHealth.Degraded);
        return new { status = degraded ? DependencyHealth.Degraded : readiness.Status, dependencies = seen };
    }
}
