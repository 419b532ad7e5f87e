using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace LeadRecs.ServiceDefaults;

public static class TelemetryExtensions
{
    /// <summary>The meters exported: the service's own, Orleans', ASP.NET Core's HTTP and Kestrel, and the runtime's.</summary>
    public static readonly string[] Meters =
    [
        "LeadRecs",
        "LeadRecs.Fraud",
        "Microsoft.Orleans",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "System.Runtime",
    ];

    /// <summary>
    /// OpenTelemetry metrics exported in the Prometheus text format at <c>/metrics</c>
    /// (OpenTelemetry.Exporter.Prometheus.AspNetCore, a prerelease package upstream).
    /// </summary>
    public static IHostApplicationBuilder AddLeadRecsTelemetry(this IHostApplicationBuilder builder)
    {
        builder.AddLeadRecsLogLevels();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(Meters);
            // Latency buckets fine enough for a cache hit (tens of microseconds) and a slow request alike.
            metrics.AddView("http.server.request.duration", new ExplicitBucketHistogramConfiguration
            {
                Boundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
            });
            metrics.AddPrometheusExporter();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapLeadRecsMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        return endpoints;
    }
}
