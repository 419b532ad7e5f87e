using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Geo;
using LeadRecs.Ranking.Training;

namespace LeadRecs.Ranking.Evaluation.Simulated;

/// <summary>
/// Candidate generation as the grains do it, over a replayed market: the planned cells' most popular available
/// leads (<see cref="CandidatePlanner"/>, GeoCellGrain) plus the trending list (each cell's top 10 → each zoom-8
/// region's top 50 → the global top, as GeoCellGrain, GeoRegionGrain and TrendingGrain report them).
/// </summary>
public sealed class SimulatedCandidates
{
    private const int CellTop = 10;
    private const int RegionTop = 50;
    private const int RegionZoom = 8;

    private readonly PointInTimeMarket _market;
    private readonly int _perCell;
    private readonly Dictionary<string, LeadCandidate[]> _byCell = new(StringComparer.Ordinal);

    public SimulatedCandidates(PointInTimeMarket market, int perCell, int trending)
    {
        _market = market;
        _perCell = perCell;
        for (var i = 0; i < market.LeadCount; i++)
        {
            var cell = market.CellOf(i);
            if (!_byCell.ContainsKey(cell))
            {
                _byCell[cell] = Ranked(cell);
            }
        }
        Trending = _byCell
            .SelectMany(c => c.Value.Take(CellTop).Select(l => (Region: GeoCell.Parse(c.Key).Parent(RegionZoom), Lead: l)))
            .GroupBy(x => x.Region)
            .SelectMany(g => Top(g.Select(x => x.Lead), RegionTop))
            .DistinctBy(l => l.LeadId)
            .OrderByDescending(l => l.Popularity)
            .ThenBy(l => l.LeadId, StringComparer.Ordinal)
            .Take(trending)
            .ToArray();
    }

    public IReadOnlyList<LeadCandidate> Trending { get; }

    public List<LeadCandidate> For(UserProfile user)
    {
        var candidates = new List<LeadCandidate>();
        foreach (var cell in CandidatePlanner.CellsFor(user, PointInTimeMarket.Zoom))
        {
            if (_byCell.TryGetValue(cell, out var leads))
            {
                candidates.AddRange(leads.Take(_perCell));
            }
        }
        candidates.AddRange(Trending);
        return candidates;
    }

    private LeadCandidate[] Ranked(string cell) =>
        Top(_market.LeadsIn(cell).Where(_market.IsAvailable).Select(_market.Candidate), int.MaxValue).ToArray();

    private static IEnumerable<LeadCandidate> Top(IEnumerable<LeadCandidate> leads, int count) =>
        leads.OrderByDescending(l => l.Popularity).ThenBy(l => l.LeadId, StringComparer.Ordinal).Take(count);
}
