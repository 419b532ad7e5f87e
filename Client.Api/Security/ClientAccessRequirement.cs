using Microsoft.AspNetCore.Authorization;

namespace LeadRecs.Client.Api.Security;

/// <summary>
/// The fallback policy of every endpoint without one of its own: /api is open to anonymous callers unless
/// <see cref="ApiKeyOptions.RequireClientKey"/>, but a key that comes with a request must be a valid one; everything
/// outside /api (health probes, the dashboard, the OpenAPI document) stays open.
/// </summary>
public sealed class ClientAccessRequirement : AuthorizationHandler<ClientAccessRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ClientAccessRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        var keys = http?.RequestServices.GetRequiredService<ApiKeyRing>();
        if (context.User.Identity?.IsAuthenticated == true
            || http is not null && !ApiPaths.IsApi(http.Request.Path)
            || http is not null && keys is not null && !keys.RequireClientKey && !http.Request.Headers.ContainsKey(ApiKeyOptions.Header))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
