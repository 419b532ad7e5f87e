namespace LeadRecs.Client.Api.Security;

/// <summary>
/// Refuses /api requests that repeat a query parameter (<c>?k=1&amp;k=100</c>): which value counts would depend on who
/// reads the query (a proxy, a cache, this service), so none does.
/// </summary>
internal static class RepeatedQueryParameters
{
    public static IApplicationBuilder UseSingleValuedQuery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (ApiPaths.IsApi(context.Request.Path))
        {
            foreach (var (key, values) in context.Request.Query)
            {
                if (values.Count > 1)
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context,
                        ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [key] = ["may be given only once."] })
                        {
                            Status = StatusCodes.Status400BadRequest,
                            Title = "The request is not valid.",
                        },
                    });
                    return;
                }
            }
        }
        await next(context);
    });
}
