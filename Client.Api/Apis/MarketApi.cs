using LeadRecs.Client.Api.Contracts;
using LeadRecs.Client.Api.Validation;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.Client.Api.Apis;

public static class MarketApi
{
    public static IEndpointRouteBuilder MapMarketApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/market").WithTags("Market")
            .MapPost("/", AddMarketDataAsync)
            .Accepts<MarketRequest[]>("application/json");
        return routes;
    }

    public static async Task<IResult> AddMarketDataAsync(
        HttpRequest request, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (perItem, _, problem) = await JsonBody.ReadValidBatchAsync<MarketRequest, MarketObservation[]>(
            request, (m, e, p) => m.Validate(e, p, now), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var observations = perItem.SelectMany(o => o).ToArray();
        await Task.WhenAll(observations
            .GroupBy(o => o.CellId, StringComparer.Ordinal)
            .Select(g => grains.GetGrain<IGeoCellGrain>(g.Key).AddMarketDataAsync(g.ToArray())));
        return TypedResults.Ok(new AcceptedResponse(observations.Length));
    }
}
