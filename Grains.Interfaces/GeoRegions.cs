namespace LeadRecs.Grains.Interfaces;

/// <summary>Zoom levels of the two-level geo index.</summary>
public static class GeoRegions
{
    /// <summary>Cells that hold leads: Web-Mercator zoom 13, about 3 km wide at mid latitudes.</summary>
    public const int CellZoom = 13;

    /// <summary>Regions that index cells: zoom 8, about 100 km wide; 1,024 cells each.</summary>
    public const int Zoom = 8;

    public const string TrendingKey = "global";
}
