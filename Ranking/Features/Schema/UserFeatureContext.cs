using LeadRecs.Ranking.Data;
using LeadRecs.Ranking.Geo;

namespace LeadRecs.Ranking.Features.Schema;

/// <summary>
/// What the vectorizer needs from a user, worked out once per scoring call rather than once per candidate:
/// the profile's shares and centre, its active cells parsed into tile coordinates, its engaged leads laid out
/// for comparison, the features that depend on the user alone, and one-entry memos of per-cell values
/// (candidates arrive grouped by cell). Not thread-safe because of those memos: make one per call (they are cheap),
/// never share one across threads.
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
        Viewed = ViewedLeadSummary.From(profile.ViewedLeads);
        _touched = TouchedIndex(_engaged is null ? null : profile.EngagedLeads, Viewed is null ? null : profile.ViewedLeads);
        if (profile.Centre is { } centre)
        {
            FromCentre = new DistanceFrom(centre.Lat, centre.Lon);
        }
        if (profile.Engaged?.Centre is { } engaged)
        {
            FromEngagedCentre = new DistanceFrom(engaged.Lat, engaged.Lon);
        }

        // The same expressions the per-candidate code used, evaluated once: each value is bit for bit what it was.
        LogActivity = (float)(Math.Log(1 + profile.ActivityWeight) / 5);
        LogViews = (float)(Math.Log(1 + profile.DecayedViews) / 5);
        LogClicks = (float)(Math.Log(1 + profile.DecayedClicks) / 4);
        LogInquiries = (float)(Math.Log(1 + profile.DecayedInquiries) / 3);
        LogDaysSinceActive = (float)(Math.Log(1 + DaysSinceActive) / 3);
        IsCold = profile.IsCold ? 1f : 0f;
        Engaged = profile.Engaged ?? PreferenceSummary.Empty;
        HasEngaged = Engaged.Centre is null ? 0f : 1f;
        LogEngagedWeight = (float)(Math.Log(1 + Engaged.Weight) / 4);
    }

    private readonly EngagedLeadArrays? _engaged;
    private readonly Dictionary<string, (int Engaged, int Viewed)>? _touched;
    private string? _memoCellId;
    private CellValues _memo;
    private bool _hasSupplyDemand;
    private double _memoDemand;
    private double _memoSupply;
    private SupplyDemandValues _supplyDemand;

    public UserProfile Profile { get; }

    /// <summary>The moment features are computed for: ages and recency are measured to it.</summary>
    public DateTimeOffset Now { get; }

    public double MaxKindShare { get; }

    public double DaysSinceActive { get; }

    internal (GeoCell Cell, double Weight)[] Cells { get; }

    /// <summary>Distances from the centre of all behaviour; null for a user without one.</summary>
    internal DistanceFrom? FromCentre { get; }

    /// <summary>Distances from the centre of clicks and inquiries; null when there are none.</summary>
    internal DistanceFrom? FromEngagedCentre { get; }

    /// <summary>Where and at what price the user browses; null when they touched nothing.</summary>
    internal ViewedLeadSummary? Viewed { get; }

    /// <summary>The clicks-and-inquiries summary, <see cref="PreferenceSummary.Empty"/> when there is none.</summary>
    internal PreferenceSummary Engaged { get; }

    // Columns that depend on the user alone, as the row stores them.
    internal float LogActivity { get; }

    internal float LogViews { get; }

    internal float LogClicks { get; }

    internal float LogInquiries { get; }

    internal float LogDaysSinceActive { get; }

    internal float IsCold { get; }

    internal float HasEngaged { get; }

    internal float LogEngagedWeight { get; }

    public static UserFeatureContext From(UserProfile profile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new UserFeatureContext(profile, now);
    }

    /// <summary>How the lead compares with what the user engaged with; <see cref="EngagedSimilarity.None"/> when nothing.</summary>
    internal EngagedSimilarity Similarity(Candidates.LeadCandidate lead, double logPrice, int engagedIndex) =>
        _engaged?.Compare(lead, logPrice, engagedIndex) ?? EngagedSimilarity.None;

    /// <summary>
    /// The lead's index among the engaged and among the touched points (-1 where it is not one): one dictionary
    /// lookup per candidate serves both leave-one-out comparisons.
    /// </summary>
    internal (int Engaged, int Viewed) Touched(Candidates.LeadCandidate lead) =>
        _touched is not null && _touched.TryGetValue(lead.LeadId, out var indices) ? indices : (-1, -1);

    private static Dictionary<string, (int Engaged, int Viewed)>? TouchedIndex(
        IReadOnlyList<EngagedPoint>? engaged, IReadOnlyList<ViewedPoint>? viewed)
    {
        if (engaged is null && viewed is null)
        {
            return null;
        }
        var index = new Dictionary<string, (int Engaged, int Viewed)>((engaged?.Count ?? 0) + (viewed?.Count ?? 0), StringComparer.Ordinal);
        // A lead listed twice is represented by its last entry.
        for (var i = 0; i < (engaged?.Count ?? 0); i++)
        {
            index[engaged![i].LeadId] = (i, -1);
        }
        for (var i = 0; i < (viewed?.Count ?? 0); i++)
        {
            var id = viewed![i].LeadId;
            index[id] = (index.TryGetValue(id, out var found) ? found.Engaged : -1, i);
        }
        return index;
    }

    /// <summary>
    /// The three cell demand and supply columns, memoised on the values themselves (not the cell id, whose values
    /// could differ between candidates), so a run of candidates from one cell computes the logarithms once.
    /// </summary>
    internal SupplyDemandValues ForSupplyDemand(double demand, double supply)
    {
        // Equals, not ==, so that a NaN input matches a NaN key.
        if (_hasSupplyDemand && demand.Equals(_memoDemand) && supply.Equals(_memoSupply))
        {
            return _supplyDemand;
        }
        _supplyDemand = new SupplyDemandValues(
            (float)(Math.Log(1 + demand) / 5),
            (float)(Math.Log(1 + supply) / 5),
            (float)(Math.Log(1 + demand / (1.0 + supply)) / 3));
        _memoDemand = demand;
        _memoSupply = supply;
        _hasSupplyDemand = true;
        return _supplyDemand;
    }

    /// <summary>
    /// The share of the user's activity in the lead's cell, and in that cell and the 8 touching it. Integer tile
    /// comparisons against the cells parsed once per call, rather than string comparisons per candidate.
    /// </summary>
    internal CellValues ForCell(Candidates.LeadCandidate lead)
    {
        if (_memoCellId is not null && string.Equals(_memoCellId, lead.CellId, StringComparison.Ordinal))
        {
            return _memo;
        }
        var (cell, neighbourhood) = CellShares(lead);
        // A stable hash, not string.GetHashCode, which differs per process and would scramble a trained model.
        var bucket = string.IsNullOrEmpty(lead.CellId) ? 0 : 1 + (int)(StableHash.Fnv1a(lead.CellId) % FeatureCatalog.GeoBuckets);
        _memo = new CellValues(cell, neighbourhood, bucket);
        _memoCellId = lead.CellId;
        return _memo;
    }

    public (double Cell, double Neighbourhood) CellShares(Candidates.LeadCandidate lead)
    {
        double cellShare = 0, neighbourhood = 0;
        if (Cells.Length == 0)
        {
            return (0, 0);
        }
        GeoCell.TryParse(lead.CellId.AsSpan(), out var leadCell);
        var zoom = -1;
        foreach (var (cell, weight) in Cells)
        {
            if (cell.Zoom != zoom)
            {
                zoom = cell.Zoom;
                // The candidate's own cell id when it is at the user's zoom (it always is from the grains).
                leadCell = leadCell.Zoom == zoom && lead.CellId.Length > 0 ? leadCell : GeoCell.FromLatLon(lead.Lat, lead.Lon, zoom);
            }
            var side = 1 << zoom;
            var dx = Math.Abs(cell.X - leadCell.X);
            dx = Math.Min(dx, side - dx); // x wraps at the antimeridian
            var dy = Math.Abs(cell.Y - leadCell.Y);
            if (dx <= 1 && dy <= 1)
            {
                neighbourhood += weight;
                cellShare += dx == 0 && dy == 0 ? weight : 0;
            }
        }
        return (cellShare, neighbourhood);
    }

    /// <summary>What depends only on the lead's cell: the user's share of it and around it, and its hashed bucket id.</summary>
    internal readonly record struct CellValues(double CellShare, double NeighbourhoodShare, int GeoBucket);

    /// <summary>The columns of the lead's cell demand and supply (already clamped at 0), as the row stores them.</summary>
    internal readonly record struct SupplyDemandValues(float LogDemand, float LogSupply, float LogDemandPerListing);
}
