namespace LeadRecs.Client.Api.Security;

internal static class ApiPaths
{
    /// <summary>The public and admin API; rate limits and client keys apply here and nowhere else.</summary>
    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase);
}
