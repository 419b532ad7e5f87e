using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Resilience;
using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;

namespace LeadRecs.Client.Api.Security;

/// <summary>
/// The last word on any exception an endpoint lets out: a problem with a fixed, generic text and the trace id
/// (the exception itself is logged here, never sent: since .NET 10 the exception handler middleware no longer logs
/// what a handler took). A request the server could not read keeps its status (400, 408, 413); one whose client went
/// away gets no answer. A dependency outage (PostgreSQL or Redis down, from a grain or from this process's own
/// interaction log) is a 503 with <c>Retry-After</c>, logged by <see cref="DependencyHealth"/> as one warning line per
/// reason and interval, without a stack: it says nothing about this code, and under load it would flood the log.
/// </summary>
public sealed partial class ApiExceptionHandler(
    IProblemDetailsService problems, DependencyHealth dependencies, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>What a client is told to wait after a 503: about what a database restart takes.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            return true;
        }
        var outage = OutageOf(exception);
        var (status, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "The request body is too large."
                : "The request could not be read."),
            _ when outage is not null => (StatusCodes.Status503ServiceUnavailable, "A service this request needs is unavailable; retry later."),
            _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred."),
        };
        if (outage is not null)
        {
            dependencies.ReportFailure(outage.Dependency, $"{context.Request.Method} {RouteOf(context)}", outage.Reason);
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (status == StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, exception, context.Request.Method, context.Request.Path, SecurityExtensions.TraceId(context));
        }
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = status,
                Title = title,
                Detail = status switch
                {
                    StatusCodes.Status500InternalServerError => "The error was logged; quote the trace id when reporting it.",
                    // Which dependency, not why: the reason is for the operator's log.
                    StatusCodes.Status503ServiceUnavailable => $"{outage!.Dependency} is unavailable; nothing of this request was "
                        + "acknowledged. Send it again after Retry-After (events keep their eventId, so none is counted twice).",
                    _ => null,
                },
            },
        });
    }

    /// <summary>The outage behind <paramref name="exception"/>: one a grain reported, or this process's own database call failing.</summary>
    public static DependencyUnavailableException? OutageOf(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions: [var single] } => OutageOf(single),
        { InnerException: DependencyUnavailableException inner } => inner,
        // A grain call that got no answer in time (its silo frozen, not yet declared dead) or whose silo died after the
        // retries: the cluster's fault, not the request's. Events are idempotent on their id, so a retry is safe.
        TimeoutException => new DependencyUnavailableException(DependencyUnavailableException.Cluster, nameof(TimeoutException)),
        SiloUnavailableException => new DependencyUnavailableException(DependencyUnavailableException.Cluster, nameof(SiloUnavailableException)),
        // Passes a DependencyUnavailableException on as it is.
        _ => PostgresOutage.Translate(exception),
    };

    // The route's pattern, not the path: the log line is per endpoint, not per user. The middleware has cleared the
    // request's endpoint by now; the feature keeps the one that failed.
    private static string RouteOf(HttpContext context) =>
        (context.Features.Get<IExceptionHandlerFeature>()?.Endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path} (trace {TraceId})")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path, string traceId);
}
