using LeadRecs.ServiceDefaults;
using LeadRecs.Silo.Hosting;

namespace LeadRecs.Silo;

/// <summary>A silo of the LeadRecs cluster. Its HTTP port only serves probes; the public API is Client.Api.</summary>
public static class SiloProgram
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddLeadRecsSilo();
        builder.AddLeadRecsTelemetry();

        var app = builder.Build();
        app.MapLeadRecsMetrics();
        app.MapGet("/alive", () => TypedResults.Ok("alive"));
        // Readiness: started and an active member of the cluster (not joining, declared dead, or missing from the
        // membership table). Liveness stays "the process answers": a silo that is no member ends itself (Orleans'
        // "I am dead" path exits non-zero), and restarting one for a slow probe would only make things worse.
        app.MapGet("/health", (IHostApplicationLifetime lifetime, IClusterReadinessProbe cluster) =>
            lifetime.ApplicationStarted.IsCancellationRequested && cluster.Check() is { IsReady: true } ready
                ? Results.Ok(ready.Status)
                : Results.Json(cluster.Check().Status, statusCode: StatusCodes.Status503ServiceUnavailable));
        app.Run();
    }
}
