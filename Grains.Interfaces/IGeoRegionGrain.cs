using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.Grains.Interfaces;

/// <summary>
/// A coarse tile (keyed by "zoom/x/y" at <c>GeoRegions.Zoom</c>) that indexes the non-empty cells below it, so
/// a heatmap query asks a handful of regions instead of thousands of mostly empty cells.
/// </summary>
public interface IGeoRegionGrain : IGrainWithStringKey
{
    /// <summary>A cell reports its latest stats and its most popular leads.</summary>
    Task ReportCellAsync(CellStats stats, IReadOnlyList<CandidateLead> topLeads);

    /// <summary>The stats of every known cell of the region inside the box.</summary>
    Task<IReadOnlyList<CellStats>> GetCellsAsync(double minLat, double minLon, double maxLat, double maxLon);
}
