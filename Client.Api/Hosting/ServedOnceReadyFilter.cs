namespace LeadRecs.Client.Api.Hosting;

/// <summary>
/// Recommendations are answered only once the service has started. An embedded demo that is still seeding its market
/// would otherwise answer 200 with an empty list, which reads as "nothing to recommend" rather than "not yet": a
/// client gets 503 with <c>Retry-After</c> and a problem that says what the service is doing. The cluster probe is
/// not asked here: a silo that is briefly not ready (its membership not yet checked) can still answer, and the load
/// balancer already follows /health.
/// </summary>
public sealed class ServedOnceReadyFilter(ServiceReadiness readiness) : IEndpointFilter
{
    /// <summary>Seconds a client is asked to wait; seeding the default demo takes tens of seconds.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (readiness.HasStarted)
        {
            return await next(context);
        }
        context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The service is not ready to recommend yet.",
            detail: $"Status: {readiness.Status}. Try again in {RetryAfterSeconds} s; GET /health answers 200 once it is ready.");
    }
}
