using System.Security.Claims;

namespace LeadRecs.Client.Api.Security;

/// <summary>The identities an API key can carry and the policies that check them.</summary>
public static class ApiPrincipal
{
    public const string Scheme = "ApiKey";
    public const string AdminRole = "admin";
    public const string ClientRole = "client";
    public const string AdminName = "admin";
    public const string AdminPolicy = "LeadRecs.Admin";

    public static ClaimsPrincipal Create(string name, bool admin) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, admin ? AdminRole : ClientRole)],
        Scheme));

    /// <summary>
    /// The caller as rate limits and the fraud filter's lockstep partitions see it: the key's name when a valid key
    /// came with the request, else the remote address (unverified keys never pick a partition, or a bot could
    /// mint fresh ones).
    /// </summary>
    public static string ClientOf(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name }
            ? (context.User.IsInRole(AdminRole) ? "admin" : "key:" + name)
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
