using LeadRecs.Ranking.Geo;

namespace LeadRecs.Ranking.Features.Schema;

/// <summary>
/// What the vectorizer needs from a user, worked out once per scoring call rather than once per candidate:
/// the profile's shares and centre, plus its active cells parsed into tile coordinates.
/// </summary>
public sealed class UserFeatureContext
{
    private UserFeatureContext(UserProfile profile, DateTimeOffset now)
    {
        Profile = profile;
        Now = now;
        MaxKindShare = profile.KindShare.Count == 0 ? 0 : profile.KindShare.Max();
        DaysSinceActive = profile.LastActivity is { } last ? Math.Max(0, (now - last).TotalDays) : 0;
        var cells = new List<(GeoCell Cell, double Weight)>(profile.TopCells.Count);
        foreach (var (cellId, weight) in profile.TopCells)
        {
            if (GeoCell.TryParse(cellId, out var cell))
            {
                cells.Add((cell, weight));
            }
        }
        Cells = [.. cells];
        _engaged = EngagedLeadArrays.From(profile.EngagedLeads);
    }

    private readonly EngagedLeadArrays? _engaged;

    public UserProfile Profile { get; }

    /// <summary>The moment features are computed for: ages and recency are measured to it.</summary>
    public DateTimeOffset Now { get; }

    public double MaxKindShare { get; }

    public double DaysSinceActive { get; }

    internal (GeoCell Cell, double Weight)[] Cells { get; }

    public static UserFeatureContext From(UserProfile profile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new UserFeatureContext(profile, now);
    }

    /// <summary>How the lead compares with what the user engaged with; <see cref="EngagedSimilarity.None"/> when nothing.</summary>
    internal EngagedSimilarity Similarity(Candidates.LeadCandidate lead) => _engaged?.Compare(lead) ?? EngagedSimilarity.None;

    /// <summary>The share of the user's activity in <paramref name="cellId"/>.</summary>
    public double CellShare(string cellId)
    {
        // An index loop: foreach over the IReadOnlyList would box its enumerator, once per candidate.
        var cells = Profile.TopCells;
        for (var i = 0; i < cells.Count; i++)
        {
            if (string.Equals(cells[i].CellId, cellId, StringComparison.Ordinal))
            {
                return cells[i].Weight;
            }
        }
        return 0;
    }

    /// <summary>The share of the user's activity in the cell under (lat, lon) and the cells touching it.</summary>
    public double NeighbourhoodShare(double lat, double lon)
    {
        var share = 0.0;
        var zoom = -1;
        var centre = default(GeoCell);
        foreach (var (cell, weight) in Cells)
        {
            if (cell.Zoom != zoom)
            {
                zoom = cell.Zoom;
                centre = GeoCell.FromLatLon(lat, lon, zoom);
            }
            var side = 1 << zoom;
            var dx = Math.Abs(cell.X - centre.X);
            dx = Math.Min(dx, side - dx); // x wraps at the antimeridian
            if (dx <= 1 && Math.Abs(cell.Y - centre.Y) <= 1)
            {
                share += weight;
            }
        }
        return share;
    }
}
