using LeadRecs.Client.Api.Contracts;
using LeadRecs.Client.Api.Validation;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Ranking.Geo;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadRecs.Client.Api.Apis;

public static class GeoApi
{
    public static IEndpointRouteBuilder MapGeoApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/geo").WithTags("Geo").MapGet("/heatmap", GetHeatmapAsync);
        return routes;
    }

    /// <summary>
    /// Demand, supply and score of the non-empty cells in a box. Cells are stored at zoom 13; a coarser zoom
    /// (down to the region zoom, 8) sums them into larger cells. A box whose minLon exceeds maxLon crosses the
    /// antimeridian.
    /// </summary>
    public static async Task<Results<Ok<HeatmapResponse>, ValidationProblem>> GetHeatmapAsync(
        string? minLat, string? minLon, string? maxLat, string? maxLon, string? zoom, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var south = Coordinate(errors, "minLat", minLat, 90);
        var west = Coordinate(errors, "minLon", minLon, 180);
        var north = Coordinate(errors, "maxLat", maxLat, 90);
        var east = Coordinate(errors, "maxLon", maxLon, 180);
        var level = GeoRegions.CellZoom;
        if (zoom is not null && !Check.TryWholeNumber(zoom, GeoRegions.Zoom, GeoRegions.CellZoom, out level))
        {
            errors.Add("zoom", $"must be a whole number within [{GeoRegions.Zoom}, {GeoRegions.CellZoom}].");
        }
        if (!errors.Any && south > north)
        {
            errors.Add("minLat", "must not be greater than maxLat.");
        }
        if (!errors.Any && GeoCell.CountCovering(south, west, north, east, GeoRegions.Zoom) > ApiLimits.MaxHeatmapRegions)
        {
            errors.Add("body", $"the box spans more than {ApiLimits.MaxHeatmapRegions} regions; ask for a smaller box.");
        }
        if (errors.Any)
        {
            return JsonBody.Problem(errors);
        }

        var regions = GeoCell.Covering(south, west, north, east, GeoRegions.Zoom)
            .Select(r => grains.GetGrain<IGeoRegionGrain>(r.ToString()).GetCellsAsync(south, west, north, east));
        var cells = (await Task.WhenAll(regions)).SelectMany(c => c);
        return TypedResults.Ok(new HeatmapResponse(level, Aggregate(cells, level)));
    }

    private static IReadOnlyList<HeatmapCell> Aggregate(IEnumerable<CellStats> cells, int zoom) =>
        cells
            .GroupBy(c => GeoCell.Parse(c.CellId).Parent(zoom))
            .Select(g =>
            {
                var demand = g.Sum(c => c.Demand);
                var supply = g.Sum(c => c.Supply);
                var (lat, lon) = g.Key.Center;
                return new HeatmapCell(g.Key.ToString(), lat, lon, demand, supply, demand / (1.0 + supply));
            })
            .OrderBy(c => c.CellId, StringComparer.Ordinal)
            .ToArray();

    private static double Coordinate(FieldErrors errors, string field, string? text, double limit)
    {
        if (text is null)
        {
            errors.Add(field, "is required.");
            return 0;
        }
        if (!Check.TryNumber(text, out var value) || Math.Abs(value) > limit)
        {
            errors.Add(field, $"must be a number within [-{limit}, {limit}].");
        }
        return value;
    }
}
