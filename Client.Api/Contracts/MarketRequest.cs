using System.Globalization;
using LeadRecs.Client.Api.Validation;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Ranking.Geo;

namespace LeadRecs.Client.Api.Contracts;

/// <summary>
/// One observation of <c>POST /api/market</c> for a place given as a cell id, a coordinate (its cell), or an area:
/// a polygon ring of [lon, lat] points whose observation applies to every cell it touches.
/// </summary>
public sealed record MarketRequest(
    string? CellId,
    double? Lat,
    double? Lon,
    double[][]? Area,
    string? Date,
    double? MedianPrice,
    double? PricePerSqm,
    int? Inventory,
    double? DaysOnMarket)
{
    /// <summary>Most cells one area may cover; a larger region should be reported per cell.</summary>
    public const int MaxAreaCells = 4096;

    public MarketObservation[]? Validate(FieldErrors errors, string path, DateTimeOffset now)
    {
        var before = errors.Count;
        string[] cellIds = [];
        var places = (CellId is null ? 0 : 1) + (Lat is null && Lon is null ? 0 : 1) + (Area is null ? 0 : 1);
        if (places > 1)
        {
            errors.Add(path, "give exactly one of cellId, lat and lon, or area.");
        }
        else if (Area is not null)
        {
            cellIds = AreaCells(errors, $"{path}.area");
        }
        else if (CellId is not null)
        {
            if (!GeoCell.TryParse(CellId, out var cell) || cell.Zoom != GeoRegions.CellZoom)
            {
                errors.Add($"{path}.cellId", $"must be a geo cell id zoom/x/y at zoom {GeoRegions.CellZoom}.");
            }
            else
            {
                cellIds = [cell.ToString()];
            }
        }
        else
        {
            Check.Latitude(errors, $"{path}.lat", Lat);
            Check.Longitude(errors, $"{path}.lon", Lon);
            if (errors.Count == before)
            {
                cellIds = [GeoCell.FromLatLon(Lat!.Value, Lon!.Value, GeoRegions.CellZoom).ToString()];
            }
        }

        DateOnly date = default;
        if (Date is null)
        {
            errors.Add($"{path}.date", "is required.");
        }
        else if (!DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            || date > DateOnly.FromDateTime(now.UtcDateTime.AddDays(1)) || date.Year < 1970)
        {
            errors.Add($"{path}.date", "must be a date yyyy-MM-dd between 1970 and today.");
        }

        Check.Positive(errors, $"{path}.medianPrice", MedianPrice, ApiLimits.MaxPrice, required: false);
        Check.Positive(errors, $"{path}.pricePerSqm", PricePerSqm, ApiLimits.MaxPrice, required: false);
        Check.Range(errors, $"{path}.inventory", Inventory, 0, 10_000_000);
        if (DaysOnMarket is { } dom && (!double.IsFinite(dom) || dom < 0 || dom > 36_500))
        {
            errors.Add($"{path}.daysOnMarket", "must be within [0, 36500].");
        }
        if (MedianPrice is null && PricePerSqm is null && Inventory is null && DaysOnMarket is null)
        {
            errors.Add(path, "must carry at least one of medianPrice, pricePerSqm, inventory, daysOnMarket.");
        }

        return errors.Count > before
            ? null
            : cellIds.Select(cellId => new MarketObservation(cellId, date, MedianPrice, PricePerSqm, Inventory, DaysOnMarket)).ToArray();
    }

    private string[] AreaCells(FieldErrors errors, string field)
    {
        if (Area!.Any(point => point is null || point.Length != 2))
        {
            errors.Add(field, "must be a ring of [lon, lat] pairs.");
            return [];
        }
        if (!GeoArea.TryCreate(Area!.Select(point => (point[0], point[1])).ToList(), out var area, out var error))
        {
            errors.Add(field, error!);
            return [];
        }
        if (area!.CountBoxCells(GeoRegions.CellZoom) > MaxAreaCells)
        {
            errors.Add(field, $"spans more than {MaxAreaCells} cells; report a large region per cell.");
            return [];
        }
        return area.Cells(GeoRegions.CellZoom).Select(c => c.ToString()).ToArray();
    }
}
