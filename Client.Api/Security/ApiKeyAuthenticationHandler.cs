using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LeadRecs.Client.Api.Security;

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header against <see cref="ApiKeyRing"/>. No header: anonymous. A key that
/// matches nothing fails authentication. Refusals are problem details: 401 when no key came (with
/// <c>WWW-Authenticate</c>), 403 when a key came but does not open this endpoint (unknown, or not the admin key).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyRing keys,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyOptions.Header, out var values) || values.Count == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (values.Count > 1 || keys.Identify(values[0] ?? "") is not { } match)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }
        var principal = ApiPrincipal.Create(match.Name, match.IsAdmin);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Request.Headers.ContainsKey(ApiKeyOptions.Header)
            ? WriteAsync(StatusCodes.Status403Forbidden, "The API key does not grant access to this endpoint.")
            : ChallengeAsync();

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteAsync(StatusCodes.Status403Forbidden, "The API key does not grant access to this endpoint.");

    private Task ChallengeAsync()
    {
        Response.Headers.WWWAuthenticate = $"{ApiPrincipal.Scheme} header=\"{ApiKeyOptions.Header}\"";
        return WriteAsync(StatusCodes.Status401Unauthorized, $"Send an API key in the {ApiKeyOptions.Header} header.");
    }

    private async Task WriteAsync(int status, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = status == 401 ? "Authentication required." : "Forbidden.", Detail = detail },
        });
    }
}
