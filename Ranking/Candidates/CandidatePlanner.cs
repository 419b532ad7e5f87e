using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Geo;

namespace LeadRecs.Ranking.Candidates;

/// <summary>
/// Decides which geo cells to pull candidates from: the cells a user is most active in, their neighbours
/// (a good lead one street over is still a good lead), and the cell under the preference centre.
/// </summary>
public static class CandidatePlanner
{
    public const int MaxActiveCells = 3;
    public const int NeighbourRadius = 1;

    public static IReadOnlyList<string> CellsFor(UserProfile user, int zoom = GeoCell.DefaultZoom)
    {
        var cells = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void AddAround(GeoCell centre)
        {
            foreach (var cell in centre.Neighbourhood(NeighbourRadius))
            {
                var id = cell.ToString();
                if (seen.Add(id))
                {
                    cells.Add(id);
                }
            }
        }

        if (user.Centre is { } centre)
        {
            AddAround(GeoCell.FromLatLon(centre.Lat, centre.Lon, zoom));
        }
        foreach (var (cellId, _) in user.TopCells.Take(MaxActiveCells))
        {
            if (GeoCell.TryParse(cellId, out var cell) && cell.Zoom == zoom)
            {
                AddAround(cell);
            }
        }
        return cells;
    }
}
