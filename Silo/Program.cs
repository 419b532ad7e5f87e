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
        app.MapGet("/health", (IHostApplicationLifetime lifetime) => lifetime.ApplicationStarted.IsCancellationRequested
            ? Results.Ok("healthy")
            : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        app.Run();
    }
}
