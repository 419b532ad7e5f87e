using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace LeadRecs.Ranking.Geo;

/// <summary>
/// A market region drawn as a polygon (a ring of longitude/latitude points, as GeoJSON orders them). Market data
/// reported for a region applies to every geo cell the polygon touches. Regions must not cross the antimeridian.
/// </summary>
public sealed class GeoArea
{
    public const int MaxVertices = 1000;

    private static readonly GeometryFactory Factory = new();

    private readonly Polygon _polygon;

    private GeoArea(Polygon polygon) => _polygon = polygon;

    /// <summary>Builds an area, or explains why the ring is not a usable polygon.</summary>
    public static bool TryCreate(IReadOnlyList<(double Lon, double Lat)> ring, out GeoArea? area, out string? error)
    {
        area = null;
        error = null;
        if (ring.Count < 3 || ring.Count > MaxVertices)
        {
            error = $"must have 3 to {MaxVertices} points.";
            return false;
        }
        if (ring.Any(p => !double.IsFinite(p.Lon) || !double.IsFinite(p.Lat) || Math.Abs(p.Lon) > 180 || Math.Abs(p.Lat) > 90))
        {
            error = "every point must be [lon, lat] within [-180, 180] and [-90, 90].";
            return false;
        }

        var coordinates = ring.Select(p => new Coordinate(p.Lon, p.Lat)).ToList();
        if (!coordinates[0].Equals2D(coordinates[^1]))
        {
            coordinates.Add(coordinates[0]);
        }
        if (coordinates.Count < 4)
        {
            error = "must enclose an area.";
            return false;
        }
        var polygon = Factory.CreatePolygon(coordinates.ToArray());
        var validity = new IsValidOp(polygon).ValidationError;
        if (validity is not null || polygon.Area <= 0)
        {
            error = $"is not a valid polygon ({validity?.Message ?? "zero area"}).";
            return false;
        }
        area = new GeoArea(polygon);
        return true;
    }

    public Envelope Bounds => _polygon.EnvelopeInternal;

    public bool Contains(double lat, double lon) => _polygon.Covers(Factory.CreatePoint(new Coordinate(lon, lat)));

    /// <summary>How many cells at <paramref name="zoom"/> the area's bounding box spans (an upper bound on <see cref="Cells"/>).</summary>
    public long CountBoxCells(int zoom) => GeoCell.CountCovering(Bounds.MinY, Bounds.MinX, Bounds.MaxY, Bounds.MaxX, zoom);

    /// <summary>The cells at <paramref name="zoom"/> that the polygon intersects.</summary>
    public IEnumerable<GeoCell> Cells(int zoom) =>
        GeoCell.Covering(Bounds.MinY, Bounds.MinX, Bounds.MaxY, Bounds.MaxX, zoom)
            .Where(cell => _polygon.Intersects(Factory.ToGeometry(cell.Bounds)));
}
