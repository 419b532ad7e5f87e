using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Geo;

namespace LeadRecs.Ranking.Simulation;

/// <summary>
/// Market points per geo cell: the median market value and value per m² of the cell's active listings
/// (their price carried forward by the local trend), the inventory and the average days on market.
/// Cells are visited in ordinal order of their ids, never in hash order.
/// </summary>
internal sealed class MarketPointAggregator
{
    private readonly IReadOnlyList<LeadState> _leads;
    private readonly string[] _cellIds;
    private readonly int[][] _leadsByCell;
    private readonly List<double> _values = [];
    private readonly List<double> _perSqm = [];

    public MarketPointAggregator(IReadOnlyList<LeadState> leads)
    {
        _leads = leads;
        var cellOf = leads.Select(l => GeoCell.FromLatLon(l.Lead.Lat, l.Lead.Lon).ToString()).ToArray();
        _cellIds = cellOf.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var cellIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < _cellIds.Length; c++)
        {
            cellIndex[_cellIds[c]] = c;
        }
        var members = new List<int>[_cellIds.Length];
        for (var c = 0; c < members.Length; c++)
        {
            members[c] = [];
        }
        for (var i = 0; i < leads.Count; i++)
        {
            members[cellIndex[cellOf[i]]].Add(i);
        }
        _leadsByCell = members.Select(m => m.ToArray()).ToArray();
    }

    /// <summary>Appends one point per cell that has had a listing by the end of <paramref name="day"/>.</summary>
    public void Emit(int day, DateTimeOffset dayStart, List<MarketPoint> output)
    {
        var date = DateOnly.FromDateTime(dayStart.UtcDateTime);
        var dayEnd = dayStart.AddDays(1);
        for (var c = 0; c < _cellIds.Length; c++)
        {
            _values.Clear();
            _perSqm.Clear();
            var listedSoFar = false;
            var daysOnMarket = 0.0;
            foreach (var i in _leadsByCell[c])
            {
                var lead = _leads[i];
                if (lead.ListedDay > day)
                {
                    continue;
                }
                listedSoFar = true;
                if (lead.Status != LeadStatus.Active)
                {
                    continue;
                }
                var value = lead.ValueAt(day);
                _values.Add(value);
                if (lead.Lead.AreaSqm is { } area && area > 0)
                {
                    _perSqm.Add(value / area);
                }
                daysOnMarket += (dayEnd - lead.Lead.ListedAt).TotalDays;
            }
            if (!listedSoFar)
            {
                continue;
            }
            var inventory = _values.Count;
            output.Add(new MarketPoint(
                _cellIds[c],
                date,
                inventory == 0 ? null : Math.Round(Median(_values)),
                _perSqm.Count == 0 ? null : Math.Round(Median(_perSqm), 1),
                inventory,
                inventory == 0 ? null : Math.Round(daysOnMarket / inventory, 1)));
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
