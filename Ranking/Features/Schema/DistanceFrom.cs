using LeadRecs.Ranking.Geo;

namespace LeadRecs.Ranking.Features.Schema;

/// <summary>
/// Distances from one point, cheap enough for every candidate: within a degree (a city) an equirectangular
/// projection is well under 0.1% off the haversine and needs no trigonometry per call; farther away the
/// haversine is used, so remote leads still get true distances.
/// </summary>
internal readonly struct DistanceFrom
{
    private const double KmPerDegree = GeoDistance.EarthRadiusKm * Math.PI / 180;

    private readonly double _lat;
    private readonly double _lon;
    private readonly double _cosLat;
    private readonly double _sinLat;

    public DistanceFrom(double lat, double lon)
    {
        _lat = lat;
        _lon = lon;
        _cosLat = Math.Cos(lat * Math.PI / 180);
        _sinLat = Math.Sin(lat * Math.PI / 180);
    }

    public double Kilometres(double lat, double lon)
    {
        var dLat = lat - _lat;
        var dLon = lon - _lon;
        if (Math.Abs(dLat) > 1 || Math.Abs(dLon) > 1)
        {
            return GeoDistance.Kilometres(_lat, _lon, lat, lon);
        }
        // The cosine at the mid-latitude, from the centre's by a first-order step: exact enough over a degree.
        var cosMid = _cosLat - _sinLat * (dLat / 2) * Math.PI / 180;
        var x = dLon * cosMid;
        return KmPerDegree * Math.Sqrt(dLat * dLat + x * x);
    }
}
