using LeadRecs.Ranking.Candidates;

namespace LeadRecs.Ranking.Features.Schema;

/// <summary>
/// A user's engaged leads laid out for a tight per-candidate loop: positions projected to km on a local flat
/// frame (equirectangular around the first lead; the error is far below a percent over a city) so a comparison
/// costs a few multiplications instead of the haversine's trigonometry.
/// </summary>
internal sealed class EngagedLeadArrays
{
    private const double KmPerDegreeLat = 111.195;

    private readonly double _lat0;
    private readonly double _lon0;
    private readonly double _kmPerDegreeLon;
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _logPrice;
    private readonly int[] _bedrooms;
    private readonly int[] _kind;
    private readonly double[] _weight;
    private readonly string[] _ids;
    private readonly int[] _idHashes;

    private EngagedLeadArrays(IReadOnlyList<EngagedPoint> points, double total)
    {
        var n = points.Count;
        _lat0 = points[0].Lat;
        _lon0 = points[0].Lon;
        _kmPerDegreeLon = KmPerDegreeLat * Math.Cos(_lat0 * Math.PI / 180);
        _x = new double[n];
        _y = new double[n];
        _logPrice = new double[n];
        _bedrooms = new int[n];
        _kind = new int[n];
        _weight = new double[n];
        _ids = new string[n];
        _idHashes = new int[n];
        for (var i = 0; i < n; i++)
        {
            var p = points[i];
            (_x[i], _y[i]) = Project(p.Lat, p.Lon);
            _logPrice[i] = p.LogPrice;
            _bedrooms[i] = p.Bedrooms ?? -1;
            _kind[i] = (int)p.Kind;
            _weight[i] = p.Weight / total;
            _ids[i] = p.LeadId;
            _idHashes[i] = p.LeadId.GetHashCode(StringComparison.Ordinal);
        }
    }

    public static EngagedLeadArrays? From(IReadOnlyList<EngagedPoint>? points)
    {
        var total = points?.Sum(p => p.Weight) ?? 0;
        return points is null || points.Count == 0 || !(total > 0) ? null : new EngagedLeadArrays(points, total);
    }

    public EngagedSimilarity Compare(LeadCandidate lead)
    {
        var (x, y) = Project(lead.Lat, lead.Lon);
        var logPrice = Math.Log(Math.Max(lead.Price, 1.0));
        var kind = (int)lead.Kind;
        var beds = lead.Bedrooms ?? -1;
        var idHash = lead.LeadId.GetHashCode(StringComparison.Ordinal);
        double total = 0, kindShare = 0, cheaper = 0, fewerBeds = 0, bedroomWeight = 0, near1 = 0, near3 = 0, nearest2 = double.PositiveInfinity;
        for (var i = 0; i < _x.Length; i++)
        {
            if (_idHashes[i] == idHash && string.Equals(_ids[i], lead.LeadId, StringComparison.Ordinal))
            {
                continue;
            }
            var w = _weight[i];
            total += w;
            var dx = _x[i] - x;
            var dy = _y[i] - y;
            var d2 = dx * dx + dy * dy;
            nearest2 = Math.Min(nearest2, d2);
            near1 += w * Math.Exp(-d2);
            near3 += w * Math.Exp(-d2 / 9);
            if (_kind[i] == kind)
            {
                kindShare += w;
            }
            cheaper += _logPrice[i] < logPrice ? w : _logPrice[i] == logPrice ? w / 2 : 0;
            if (beds >= 0 && _bedrooms[i] >= 0)
            {
                bedroomWeight += w;
                fewerBeds += _bedrooms[i] <= beds ? w : 0;
            }
        }
        if (!(total > 0))
        {
            return EngagedSimilarity.None;
        }
        return new EngagedSimilarity(
            kindShare / total,
            cheaper / total,
            bedroomWeight > 0 ? fewerBeds / bedroomWeight : 0,
            near1 / total,
            near3 / total,
            Math.Sqrt(nearest2));
    }

    private (double X, double Y) Project(double lat, double lon)
    {
        var dLon = lon - _lon0;
        dLon -= 360 * Math.Round(dLon / 360); // the short way round the antimeridian
        return (dLon * _kmPerDegreeLon, (lat - _lat0) * KmPerDegreeLat);
    }
}
