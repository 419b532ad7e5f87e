using System.Text.Json.Serialization;

namespace LeadRecs.Ranking.Features;

/// <summary>
/// The decayed, weighted mean of where (and at what price) a user has been looking. Locations are averaged as
/// unit vectors on the sphere, so a user browsing both sides of the antimeridian or near a pole gets a
/// sensible centre instead of the arithmetic mean of longitudes.
/// </summary>
public sealed class PreferenceCentroid
{
    public double Weight { get; set; }
    public double SumX { get; set; }
    public double SumY { get; set; }
    public double SumZ { get; set; }
    public double SumLogPrice { get; set; }

    /// <summary>For the spread of prices: how wide a budget the user browses in.</summary>
    public double SumLogPriceSquared { get; set; }
    public double SumBedrooms { get; set; }
    public double BedroomWeight { get; set; }
    public DateTimeOffset AsOf { get; set; } = DateTimeOffset.MinValue;

    [JsonIgnore]
    public bool IsEmpty => Weight <= 0;

    public void Add(double lat, double lon, double price, int? bedrooms, double weight, DateTimeOffset at, TimeSpan halfLife)
    {
        // Bring the sums to the later of the two times; an older observation is decayed instead.
        if (at > AsOf)
        {
            Scale(AsOf == DateTimeOffset.MinValue ? 1.0 : Decayed.Factor(at - AsOf, halfLife));
            AsOf = at;
        }
        else
        {
            weight *= Decayed.Factor(AsOf - at, halfLife);
        }

        var latRad = lat * Math.PI / 180.0;
        var lonRad = lon * Math.PI / 180.0;
        Weight += weight;
        SumX += weight * Math.Cos(latRad) * Math.Cos(lonRad);
        SumY += weight * Math.Cos(latRad) * Math.Sin(lonRad);
        SumZ += weight * Math.Sin(latRad);
        var logPrice = Math.Log(Math.Max(price, 1.0));
        SumLogPrice += weight * logPrice;
        SumLogPriceSquared += weight * logPrice * logPrice;
        if (bedrooms is { } beds)
        {
            SumBedrooms += weight * beds;
            BedroomWeight += weight;
        }
    }

    /// <summary>The centre, or null when the user has no located behaviour or it cancels out (antipodes).</summary>
    [JsonIgnore]
    public (double Lat, double Lon)? Location
    {
        get
        {
            var norm = Math.Sqrt(SumX * SumX + SumY * SumY + SumZ * SumZ);
            if (IsEmpty || norm < 1e-9 * Weight)
            {
                return null;
            }
            var lat = Math.Asin(Math.Clamp(SumZ / norm, -1, 1)) * 180.0 / Math.PI;
            var lon = Math.Atan2(SumY, SumX) * 180.0 / Math.PI;
            return (lat, lon);
        }
    }

    /// <summary>How concentrated the behaviour is in one place: 1 = one spot, 0 = spread over the globe.</summary>
    [JsonIgnore]
    public double Concentration => IsEmpty ? 0 : Math.Sqrt(SumX * SumX + SumY * SumY + SumZ * SumZ) / Weight;

    [JsonIgnore]
    public double? LogPrice => IsEmpty ? null : SumLogPrice / Weight;

    /// <summary>Weighted standard deviation of log price; 0 for a single price (or state saved before it was kept).</summary>
    [JsonIgnore]
    public double LogPriceSpread =>
        IsEmpty ? 0 : Math.Sqrt(Math.Max(0, SumLogPriceSquared / Weight - (SumLogPrice / Weight) * (SumLogPrice / Weight)));

    /// <summary>
    /// Roughly the root-mean-square distance of the behaviour from its centre, in km: for points close together,
    /// 1 - <see cref="Concentration"/> is half their mean squared angular distance from the centre.
    /// </summary>
    [JsonIgnore]
    public double SpreadKm => IsEmpty ? 0 : Geo.GeoDistance.EarthRadiusKm * Math.Sqrt(Math.Max(0, 2 * (1 - Concentration)));

    [JsonIgnore]
    public double? Bedrooms => BedroomWeight > 0 ? SumBedrooms / BedroomWeight : null;

    private void Scale(double factor)
    {
        Weight *= factor;
        SumX *= factor;
        SumY *= factor;
        SumZ *= factor;
        SumLogPrice *= factor;
        SumLogPriceSquared *= factor;
        SumBedrooms *= factor;
        BedroomWeight *= factor;
    }
}
