using LeadRecs.Client.Api.Contracts;
using LeadRecs.Client.Api.Resilience;
using LeadRecs.Client.Api.Security;
using LeadRecs.Client.Api.Validation;
using LeadRecs.Grains.Interfaces.Fraud;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadRecs.Client.Api.Apis;

/// <summary>Operator endpoints under /api/admin; every one needs the admin API key.</summary>
public static class AdminApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin").WithTags("Admin").RequireAdmin();
        group.MapGet("/flagged-users", GetFlaggedUsersAsync);
        return routes;
    }

    /// <param name="limit">How many users, 1 to 1000, the most recently flagged first; 100 when absent.</param>
    public static async Task<Results<Ok<FlaggedUsersResponse>, ValidationProblem>> GetFlaggedUsersAsync(
        string? limit, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var count = DefaultLimit;
        if (limit is not null && !Check.TryWholeNumber(limit, 1, MaxLimit, out count))
        {
            return JsonBody.Problem("limit", $"must be a whole number within [1, {MaxLimit}].");
        }
        var users = await GrainCallRetry.RunAsync(
            () => grains.GetGrain<IFlaggedUsersGrain>(IFlaggedUsersGrain.Key).ListAsync(count), cancellationToken);
        return TypedResults.Ok(new FlaggedUsersResponse(users.Select(FlaggedUserResponse.From).ToArray()));
    }
}
