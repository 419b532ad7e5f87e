using System.Globalization;
using NetTopologySuite.Geometries;

namespace LeadRecs.Ranking.Geo;

/// <summary>
/// A Web-Mercator tile (zoom/x/y), the same grid web maps use, so a heatmap cell lines up with map tiles.
/// x wraps around the antimeridian; y is clamped at the Mercator limit (about ±85.05°), so the poles
/// fall into the first and last rows instead of being unrepresentable.
/// </summary>
public readonly record struct GeoCell(int Zoom, int X, int Y)
{
    /// <summary>Zoom 13 cells are about 3 km wide at Seattle's latitude: tens of leads each in a city.</summary>
    public const int DefaultZoom = 13;

    public const int MaxZoom = 24;

    /// <summary>The latitude at which a square Mercator map ends.</summary>
    public const double MaxLatitude = 85.05112877980659;

    private int TilesPerSide => 1 << Zoom;

    public static GeoCell FromLatLon(double lat, double lon, int zoom = DefaultZoom)
    {
        ValidateZoom(zoom);
        if (!double.IsFinite(lat) || lat < -90 || lat > 90)
        {
            throw new ArgumentOutOfRangeException(nameof(lat), lat, "Latitude must be within [-90, 90].");
        }
        if (!double.IsFinite(lon) || lon < -180 || lon > 180)
        {
            throw new ArgumentOutOfRangeException(nameof(lon), lon, "Longitude must be within [-180, 180].");
        }

        var n = 1 << zoom;
        return new GeoCell(zoom, TileX(lon, n), TileY(lat, n));
    }

    /// <summary>Parses the canonical text form "zoom/x/y".</summary>
    public static bool TryParse(string? text, out GeoCell cell) => TryParse(text.AsSpan(), out cell);

    /// <summary>The same without allocating: the ranker parses a cell id per candidate.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out GeoCell cell)
    {
        cell = default;
        var first = text.IndexOf('/');
        if (first < 0)
        {
            return false;
        }
        var rest = text[(first + 1)..];
        var second = rest.IndexOf('/');
        if (second < 0
            || rest[(second + 1)..].Contains('/')
            || !int.TryParse(text[..first], NumberStyles.None, CultureInfo.InvariantCulture, out var z)
            || !int.TryParse(rest[..second], NumberStyles.None, CultureInfo.InvariantCulture, out var x)
            || !int.TryParse(rest[(second + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || z < 0 || z > MaxZoom)
        {
            return false;
        }
        var n = 1 << z;
        if (x >= n || y >= n)
        {
            return false;
        }
        cell = new GeoCell(z, x, y);
        return true;
    }

    public static GeoCell Parse(string text) =>
        TryParse(text, out var cell) ? cell : throw new FormatException($"'{text}' is not a geo cell id (zoom/x/y).");

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Zoom}/{X}/{Y}");

    /// <summary>The cell's extent in degrees (x = longitude, y = latitude).</summary>
    public Envelope Bounds
    {
        get
        {
            var n = TilesPerSide;
            return new Envelope(
                LonOfX(X, n), LonOfX(X + 1, n),
                LatOfY(Y + 1, n), LatOfY(Y, n));
        }
    }

    public (double Lat, double Lon) Center
    {
        get
        {
            var n = TilesPerSide;
            // The centre in Mercator space, so it sits inside the cell at every latitude.
            return (LatOfYFraction(Y + 0.5, n), LonOfX(X, n) + 180.0 / n);
        }
    }

    /// <summary>The enclosing cell at a coarser zoom.</summary>
    public GeoCell Parent(int zoom)
    {
        if (zoom > Zoom || zoom < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(zoom), zoom, $"A parent's zoom must be within [0, {Zoom}].");
        }
        var shift = Zoom - zoom;
        return new GeoCell(zoom, X >> shift, Y >> shift);
    }

    /// <summary>
    /// The cells within <paramref name="radius"/> steps (a square ring-set including this cell).
    /// Columns wrap across the antimeridian; rows stop at the top and bottom of the map.
    /// </summary>
    public IEnumerable<GeoCell> Neighbourhood(int radius = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        var n = TilesPerSide;
        var width = Math.Min(2 * radius + 1, n);
        var seen = new HashSet<int>();
        for (var dy = -radius; dy <= radius; dy++)
        {
            var y = Y + dy;
            if (y < 0 || y >= n)
            {
                continue;
            }
            for (var i = 0; i < width; i++)
            {
                var x = Mod(X - radius + i, n);
                if (seen.Add(y * n + x))
                {
                    yield return new GeoCell(Zoom, x, y);
                }
            }
        }
    }

    /// <summary>
    /// The cells at <paramref name="zoom"/> that intersect a latitude/longitude box. A box whose west edge is
    /// east of its east edge crosses the antimeridian and is covered on both sides of it.
    /// </summary>
    public static IEnumerable<GeoCell> Covering(double minLat, double minLon, double maxLat, double maxLon, int zoom)
    {
        ValidateZoom(zoom);
        var n = 1 << zoom;
        var yTop = TileY(Math.Max(minLat, maxLat), n);
        var yBottom = TileY(Math.Min(minLat, maxLat), n);
        var xWest = TileX(minLon, n);
        var xEast = TileX(maxLon, n);
        // lon = 180 maps to column 0 (wrapped); as an east edge it means the last column.
        if (maxLon >= 180)
        {
            xEast = n - 1;
        }
        var columns = minLon <= maxLon
            ? Enumerable.Range(xWest, xEast - xWest + 1)
            : Enumerable.Range(xWest, n - xWest).Concat(Enumerable.Range(0, xEast + 1));
        foreach (var x in columns)
        {
            for (var y = yTop; y <= yBottom; y++)
            {
                yield return new GeoCell(zoom, x, y);
            }
        }
    }

    /// <summary>How many cells <see cref="Covering"/> would return, without enumerating them.</summary>
    public static long CountCovering(double minLat, double minLon, double maxLat, double maxLon, int zoom)
    {
        ValidateZoom(zoom);
        var n = 1 << zoom;
        long rows = TileY(Math.Min(minLat, maxLat), n) - TileY(Math.Max(minLat, maxLat), n) + 1;
        var xWest = TileX(minLon, n);
        var xEast = maxLon >= 180 ? n - 1 : TileX(maxLon, n);
        long columns = minLon <= maxLon ? xEast - xWest + 1 : (n - xWest) + xEast + 1;
        return rows * columns;
    }

    private static void ValidateZoom(int zoom)
    {
        if (zoom < 0 || zoom > MaxZoom)
        {
            throw new ArgumentOutOfRangeException(nameof(zoom), zoom, $"Zoom must be within [0, {MaxZoom}].");
        }
    }

    private static int TileX(double lon, int n) => Mod((int)Math.Floor((lon + 180.0) / 360.0 * n), n);

    private static int TileY(double lat, int n)
    {
        var clamped = Math.Clamp(lat, -MaxLatitude, MaxLatitude);
        var rad = clamped * Math.PI / 180.0;
        var y = (1.0 - Math.Log(Math.Tan(rad) + 1.0 / Math.Cos(rad)) / Math.PI) / 2.0 * n;
        return Math.Clamp((int)Math.Floor(y), 0, n - 1);
    }

    private static double LonOfX(int x, int n) => x * 360.0 / n - 180.0;

    private static double LatOfY(int y, int n) => LatOfYFraction(y, n);

    private static double LatOfYFraction(double y, int n)
    {
        var mercator = Math.PI * (1.0 - 2.0 * y / n);
        return Math.Atan(Math.Sinh(mercator)) * 180.0 / Math.PI;
    }

    private static int Mod(int value, int n) => ((value % n) + n) % n;
}
