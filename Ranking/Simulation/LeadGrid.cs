using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Geo;

namespace LeadRecs.Ranking.Simulation;

/// <summary>
/// A flat lat/lon bucket grid for "leads within r km" queries: building 5,000 users' neighbourhoods by scanning
/// 20,000 leads each would cost 10^8 distance computations. Results come in a fixed order (cell by cell, then
/// lead index), never in hash order.
/// </summary>
internal sealed class LeadGrid
{
    private const double KmPerDegreeLat = 111.195;
    private const int MaxCells = 1 << 22;

    private readonly IReadOnlyList<Lead> _leads;
    private readonly double _minLat;
    private readonly double _minLon;
    private readonly double _cellLat;
    private readonly double _cellLon;
    private readonly int _rows;
    private readonly int _columns;
    private readonly int[] _cellStart;
    private readonly int[] _items;

    public LeadGrid(IReadOnlyList<Lead> leads, double cellKm = 1.0)
    {
        _leads = leads;
        _minLat = leads.Count == 0 ? 0 : leads.Min(l => l.Lat);
        _minLon = leads.Count == 0 ? 0 : leads.Min(l => l.Lon);
        var maxLat = leads.Count == 0 ? 0 : leads.Max(l => l.Lat);
        var maxLon = leads.Count == 0 ? 0 : leads.Max(l => l.Lon);
        var cosLat = Math.Max(0.05, Math.Cos((_minLat + maxLat) / 2 * Math.PI / 180));
        while (true)
        {
            _cellLat = cellKm / KmPerDegreeLat;
            _cellLon = cellKm / (KmPerDegreeLat * cosLat);
            _rows = (int)((maxLat - _minLat) / _cellLat) + 1;
            _columns = (int)((maxLon - _minLon) / _cellLon) + 1;
            if ((long)_rows * _columns <= MaxCells)
            {
                break;
            }
            // A market spread over a continent: coarser cells keep the index small.
            cellKm *= 2;
        }

        var counts = new int[_rows * _columns + 1];
        var cellOf = new int[leads.Count];
        for (var i = 0; i < leads.Count; i++)
        {
            cellOf[i] = CellIndex(Row(leads[i].Lat), Column(leads[i].Lon));
            counts[cellOf[i] + 1]++;
        }
        for (var c = 1; c < counts.Length; c++)
        {
            counts[c] += counts[c - 1];
        }
        _cellStart = counts;
        _items = new int[leads.Count];
        var fill = (int[])counts.Clone();
        for (var i = 0; i < leads.Count; i++)
        {
            _items[fill[cellOf[i]]++] = i;
        }
    }

    /// <summary>Appends to <paramref name="result"/> the indices of the leads within <paramref name="radiusKm"/> of the point.</summary>
    public void Within(double lat, double lon, double radiusKm, List<int> result)
    {
        var first = result.Count;
        Candidates(lat, lon, radiusKm, result);
        var kept = first;
        for (var k = first; k < result.Count; k++)
        {
            var i = result[k];
            if (GeoDistance.Kilometres(lat, lon, _leads[i].Lat, _leads[i].Lon) <= radiusKm)
            {
                result[kept++] = i;
            }
        }
        result.RemoveRange(kept, result.Count - kept);
    }

    /// <summary>
    /// Appends every lead in the grid cells that cover the circle: a superset of <see cref="Within"/> without any
    /// distance computed, for callers whose own filter rejects most leads on cheaper grounds first.
    /// </summary>
    public void Candidates(double lat, double lon, double radiusKm, List<int> result)
    {
        var dLat = radiusKm / KmPerDegreeLat * 1.05;
        var cosLat = Math.Max(0.05, Math.Cos((Math.Abs(lat) + dLat) * Math.PI / 180));
        var dLon = radiusKm / (KmPerDegreeLat * cosLat) * 1.05;
        var rowFrom = Math.Max(0, Row(lat - dLat));
        var rowTo = Math.Min(_rows - 1, Row(lat + dLat));
        var columnFrom = Math.Max(0, Column(lon - dLon));
        var columnTo = Math.Min(_columns - 1, Column(lon + dLon));
        for (var row = rowFrom; row <= rowTo; row++)
        {
            for (var column = columnFrom; column <= columnTo; column++)
            {
                var cell = CellIndex(row, column);
                for (var k = _cellStart[cell]; k < _cellStart[cell + 1]; k++)
                {
                    result.Add(_items[k]);
                }
            }
        }
    }

    private int Row(double lat) => (int)Math.Floor((lat - _minLat) / _cellLat);

    private int Column(double lon) => (int)Math.Floor((lon - _minLon) / _cellLon);

    private int CellIndex(int row, int column) => row * _columns + column;
}
