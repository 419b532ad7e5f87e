using System.Globalization;
using LeadRecs.Client.Api.Validation;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Ranking.Geo;

namespace LeadRecs.Client.Api.Contracts;

/// <summary>One observation of <c>POST /api/market</c>: a cell id, or a coordinate that names the cell.</summary>
public sealed record MarketRequest(
    string? CellId,
    double? Lat,
    double? Lon,
    string? Date,
    double? MedianPrice,
    double? PricePerSqm,
    int? Inventory,
    double? DaysOnMarket)
{
    public MarketObservation? Validate(FieldErrors errors, string path, DateTimeOffset now)
    {
        var before = errors.Count;
        string? cellId = null;
        if (CellId is not null)
        {
            if (Lat is not null || Lon is not null)
            {
                errors.Add($"{path}.cellId", "give either cellId or lat and lon, not both.");
            }
            else if (!GeoCell.TryParse(CellId, out var cell) || cell.Zoom != GeoRegions.CellZoom)
            {
                errors.Add($"{path}.cellId", $"must be a geo cell id zoom/x/y at zoom {GeoRegions.CellZoom}.");
            }
            else
            {
                cellId = cell.ToString();
            }
        }
        else
        {
            Check.Latitude(errors, $"{path}.lat", Lat);
            Check.Longitude(errors, $"{path}.lon", Lon);
            if (errors.Count == before)
            {
                cellId = GeoCell.FromLatLon(Lat!.Value, Lon!.Value, GeoRegions.CellZoom).ToString();
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
            : new MarketObservation(cellId!, date, MedianPrice, PricePerSqm, Inventory, DaysOnMarket);
    }
}
