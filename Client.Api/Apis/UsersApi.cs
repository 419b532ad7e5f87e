using LeadRecs.Client.Api.Hosting;
using LeadRecs.Client.Api.Resilience;
using LeadRecs.Client.Api.Validation;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadRecs.Client.Api.Apis;

public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/users").WithTags("Users");
        group.MapGet("/{userId}/recommendations", GetRecommendationsAsync).AddEndpointFilter<ServedOnceReadyFilter>();
        group.MapGet("/{userId}", GetUserAsync);
        return routes;
    }

    /// <param name="k">How many leads, 1 to 100; 10 when absent. Taken as text so that "k=abc" is a named 400.</param>
    public static async Task<Results<Ok<Recommendations>, ValidationProblem>> GetRecommendationsAsync(
        string userId, string? k, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        Check.Id(errors, "userId", userId);
        var count = ApiLimits.DefaultK;
        if (k is not null && !Check.TryWholeNumber(k, 1, ApiLimits.MaxK, out count))
        {
            errors.Add("k", $"must be a whole number within [1, {ApiLimits.MaxK}].");
        }
        if (errors.Any)
        {
            return JsonBody.Problem(errors);
        }
        var user = grains.GetGrain<IUserGrain>(userId);
        return TypedResults.Ok(await GrainCallRetry.RunAsync(() => user.GetRecommendationsAsync(count)));
    }

    public static async Task<Results<Ok<UserSummary>, ValidationProblem>> GetUserAsync(string userId, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        Check.Id(errors, "userId", userId);
        if (errors.Any)
        {
            return JsonBody.Problem(errors);
        }
        var user = grains.GetGrain<IUserGrain>(userId);
        return TypedResults.Ok(await GrainCallRetry.RunAsync(() => user.GetSummaryAsync()));
    }
}
