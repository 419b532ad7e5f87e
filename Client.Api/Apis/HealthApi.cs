using LeadRecs.Client.Api.Hosting;
using LeadRecs.Grains.Resilience;

namespace LeadRecs.Client.Api.Apis;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        // Liveness: the process answers. Readiness: it can serve recommendations.
        routes.MapGet("/alive", () => TypedResults.Ok(new { status = "alive" })).WithTags("Health");
        routes.MapGet("/health", (ServiceReadiness readiness, DependencyHealth dependencies) => readiness.IsReady
                ? Results.Ok(HealthReport.Of(readiness, dependencies))
                : Results.Json(HealthReport.Of(readiness, dependencies), statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithTags("Health");
        return routes;
    }
}
