using NetTopologySuite.Geometries;

namespace LeadRecs.Ranking.Geo;

/// <summary>
/// A latitude/longitude query box. A box whose west edge lies east of its east edge crosses the antimeridian;
/// it is held as two NetTopologySuite envelopes, one on each side, so intersection tests stay planar.
/// </summary>
public sealed class GeoBox
{
    private readonly Envelope[] _parts;

    public GeoBox(double minLat, double minLon, double maxLat, double maxLon)
    {
        MinLat = minLat;
        MinLon = minLon;
        MaxLat = maxLat;
        MaxLon = maxLon;
        _parts = minLon <= maxLon
            ? [new Envelope(minLon, maxLon, minLat, maxLat)]
            : [new Envelope(minLon, 180, minLat, maxLat), new Envelope(-180, maxLon, minLat, maxLat)];
    }

    public double MinLat { get; }
    public double MinLon { get; }
    public double MaxLat { get; }
    public double MaxLon { get; }

    public bool CrossesAntimeridian => _parts.Length == 2;

    public bool Contains(double lat, double lon) => _parts.Any(p => p.Intersects(lon, lat));

    public bool Intersects(GeoCell cell)
    {
        var bounds = cell.Bounds;
        return _parts.Any(p => p.Intersects(bounds));
    }
}
