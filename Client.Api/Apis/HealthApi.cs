using LeadRecs.Client.Api.Hosting;

namespace LeadRecs.Client.Api.Apis;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        // Liveness: the process answers. Readiness: it can serve recommendations.
        routes.MapGet("/alive", () => TypedResults.Ok(new { status = "alive" })).WithTags("Health");
        routes.MapGet("/health", (ServiceReadiness readiness) => readiness.IsReady
                ? Results.Ok(new { status = readiness.Status })
                : Results.Json(new { status = readiness.Status }, statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithTags("Health");
        return routes;
    }
}
