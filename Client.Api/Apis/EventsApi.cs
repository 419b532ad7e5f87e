using LeadRecs.Client.Api.Contracts;
using LeadRecs.Client.Api.Resilience;
using LeadRecs.Client.Api.Security;
using LeadRecs.Client.Api.Validation;
using LeadRecs.Grains.Fraud;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Fraud;
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
    /// Validates the whole batch (including that every lead exists), screens it for fraud and bots, makes it durable
    /// in the interaction log with its flags, and only then updates the grains with what was not flagged. 202 means:
    /// in the log. The answer does not say what was flagged: a bot should not learn where the thresholds are.
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
        var client = ApiPrincipal.ClientOf(request.HttpContext);
        var verdict = await GrainCallRetry.RunAsync(
            () => grains.GetGrain<IInteractionScreenGrain>(0).ScreenAsync(identified, client), cancellationToken);
        var screened = identified.Select((e, i) => e with { Flags = verdict.Flags[i] }).ToArray();
        var logged = await log.AppendWithPositionsAsync(screened.Select(ToLogEntry).ToArray(), cancellationToken);
        // Positions let a user grain skip what it already replayed from the log, however many events ago.
        var located = screened.Select((e, i) => e with { LogPosition = logged.Positions[i] }).ToArray();

        // The whole batch is applied, not only what was new to the log: a client retrying after a failure between
        // log and grains gets its events applied now, and grains skip the ones they already have (and flagged ones).
        await GrainCallRetry.RunAsync(() => ingest.ApplyAsync(located), cancellationToken);
        if (verdict.Retroactive.Count > 0)
        {
            // Earlier events of users caught now: flagged in the log, taken back out of popularity and demand.
            await log.FlagAsync(verdict.Retroactive.Select(r => (r.EventId!, r.Flags.ToDomain())).ToArray(), cancellationToken);
            await GrainCallRetry.RunAsync(() => ingest.RetractAsync(verdict.Retroactive), cancellationToken);
        }
        return TypedResults.Accepted((string?)null, new AcceptedResponse(events.Count, events.Count - logged.Added.Count));
    }

    private static DomainInteraction ToLogEntry(InteractionEvent e) =>
        new(e.UserId, e.LeadId, e.Kind.ToDomain(), e.At, e.EventId, e.RecommendationId, e.Flags.ToDomain());
}
