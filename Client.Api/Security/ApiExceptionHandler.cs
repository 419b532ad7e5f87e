using Microsoft.AspNetCore.Diagnostics;

namespace LeadRecs.Client.Api.Security;

/// <summary>
/// The last word on any exception an endpoint lets out: a problem with a fixed, generic text and the trace id
/// (the exception itself is logged here, never sent: since .NET 10 the exception handler middleware no longer logs
/// what a handler took). A request the server could not read keeps its status (400, 408, 413); one whose client went
/// away gets no answer.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            return true;
        }
        var (status, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "The request body is too large."
                : "The request could not be read."),
            _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred."),
        };
        if (status == StatusCodes.Status500InternalServerError)
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
                Detail = status == StatusCodes.Status500InternalServerError
                    ? "The error was logged; quote the trace id when reporting it."
                    : null,
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path} (trace {TraceId})")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path, string traceId);
}
