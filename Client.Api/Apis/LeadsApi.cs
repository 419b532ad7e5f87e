using LeadRecs.Client.Api.Contracts;
using LeadRecs.Client.Api.Resilience;
using LeadRecs.Client.Api.Validation;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadRecs.Client.Api.Apis;

public static class LeadsApi
{
    public static IEndpointRouteBuilder MapLeadsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/leads").WithTags("Leads");
        group.MapPost("/", UpsertLeadsAsync).Accepts<LeadRequest[]>("application/json");
        group.MapGet("/{leadId}", GetLeadAsync);
        return routes;
    }

    public static async Task<IResult> UpsertLeadsAsync(
        HttpRequest request, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (leads, errors, problem) = await JsonBody.ReadValidBatchAsync<LeadRequest, LeadInfo>(
            request, (l, e, p) => l.Validate(e, p, now), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var duplicate = leads.GroupBy(l => l.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            errors.Add(JsonBody.BodyField, $"lead '{duplicate.Key}' appears more than once in the batch.");
        }
        if (errors.Any)
        {
            return JsonBody.Problem(errors);
        }

        await Task.WhenAll(leads.Select(l => GrainCallRetry.RunAsync(() => grains.GetGrain<ILeadGrain>(l.Id).UpsertAsync(l), cancellationToken)));
        return TypedResults.Ok(new AcceptedResponse(leads.Count));
    }

    public static async Task<Results<Ok<LeadSnapshot>, ValidationProblem, NotFound>> GetLeadAsync(string leadId, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        Check.Id(errors, "leadId", leadId);
        if (errors.Any)
        {
            return JsonBody.Problem(errors);
        }
        var lead = await GrainCallRetry.RunAsync(() => grains.GetGrain<ILeadGrain>(leadId).GetAsync());
        return lead is null ? TypedResults.NotFound() : TypedResults.Ok(lead);
    }
}
