using LeadRecs.Client.Api.Contracts;
using LeadRecs.Client.Api.Resilience;
using LeadRecs.Client.Api.Validation;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Grains.Mapping;
using LeadRecs.Storage;
using DomainInteraction = LeadRecs.Ranking.Domain.Interaction;

namespace LeadRecs.Client.Api.Apis;

public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/events").WithTags("Events")
            .MapPost("/", IngestEventsAsync)
            .Accepts<EventRequest[]>("application/json");
        return routes;
    }

    /// <summary>
    /// Validates the whole batch (including that every lead exists), makes it durable in the interaction log,
    /// and only then updates the grains. 202 means: in the log.
    /// </summary>
    public static async Task<IResult> IngestEventsAsync(
        HttpRequest request, IGrainFactory grains, IInteractionLog log, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (events, errors, problem) = await JsonBody.ReadValidBatchAsync<EventRequest, InteractionEvent>(
            request, (e, f, p) => e.Validate(f, p, now), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var ingest = grains.GetGrain<IInteractionIngestGrain>(0);
        var leadIds = events.Select(e => e.LeadId).ToArray();
        var unknown = (await GrainCallRetry.RunAsync(() => ingest.FindUnknownLeadsAsync(leadIds), cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        if (unknown.Count > 0)
        {
            for (var i = 0; i < events.Count; i++)
            {
                if (unknown.Contains(events[i].LeadId))
                {
                    errors.Add($"[{i}].leadId", $"no lead '{events[i].LeadId}' is known; upsert it first.");
                }
            }
            return JsonBody.Problem(errors);
        }

        // Every event carries an id from here on, so that applying the batch again is harmless.
        var identified = events.Select(e => e.EventId is null ? e with { EventId = $"srv-{Guid.NewGuid():N}" } : e).ToArray();
        var logged = await log.AppendAsync(identified.Select(ToLogEntry).ToArray(), cancellationToken);

        // The whole batch is applied, not only what was new to the log: a client retrying after a failure between
        // log and grains gets its events applied now, and grains skip the ones they already have.
        await GrainCallRetry.RunAsync(() => ingest.ApplyAsync(identified), cancellationToken);
        return TypedResults.Accepted((string?)null, new AcceptedResponse(events.Count, events.Count - logged.Count));
    }

    private static DomainInteraction ToLogEntry(InteractionEvent e) =>
        new(e.UserId, e.LeadId, e.Kind.ToDomain(), e.At, e.EventId, e.RecommendationId);
}
