using LeadRecs.Ranking.Candidates;

namespace LeadRecs.Ranking.Features.Schema;

/// <summary>
/// A user's engaged leads laid out so that comparing a candidate with all of them is cheap: positions projected
/// to km on a local flat frame (equirectangular around the first lead; well under a percent off across a city)
/// and compared in one tight loop with rational kernels (an exponential per engaged lead per candidate cost more
/// than all other features together); kind, price and bedroom shares precomputed as totals, sorted prices and
/// prefix sums.
/// A lead is never compared with itself (leave-one-out): similarity must describe taste, and a lead's own click
/// would otherwise make it the most "similar" lead of all and teach the model to recommend what was seen.
/// </summary>
internal sealed class EngagedLeadArrays
{
    private const double KmPerDegreeLat = 111.195;
    private const int MaxBedrooms = 16;

    private readonly double _lat0;
    private readonly double _lon0;
    private readonly double _kmPerDegreeLon;
    private readonly float[] _x;
    private readonly float[] _y;
    private readonly float[] _weight;
    private readonly double[] _kindWeight;
    private readonly double[] _sortedLogPrice;
    private readonly double[] _weightBelow; // weight of engaged leads sorted before index i
    private readonly double[] _bedroomWeightUpTo; // weight of engaged leads with at most b bedrooms
    private readonly double _bedroomWeight;
    private readonly Dictionary<string, Self> _byId;

    private EngagedLeadArrays(IReadOnlyList<EngagedPoint> points, double total)
    {
        var n = points.Count;
        _lat0 = points[0].Lat;
        _lon0 = points[0].Lon;
        _kmPerDegreeLon = KmPerDegreeLat * Math.Cos(_lat0 * Math.PI / 180);
        _x = new float[n];
        _y = new float[n];
        _weight = new float[n];
        _kindWeight = new double[Enum.GetValues<Domain.LeadKind>().Length];
        _bedroomWeightUpTo = new double[MaxBedrooms + 1];
        _byId = new Dictionary<string, Self>(n, StringComparer.Ordinal);
        var byPrice = new (double LogPrice, double Weight)[n];
        for (var i = 0; i < n; i++)
        {
            var p = points[i];
            var w = p.Weight / total;
            (_x[i], _y[i]) = Project(p.Lat, p.Lon);
            _weight[i] = (float)w;
            if ((uint)p.Kind < (uint)_kindWeight.Length)
            {
                _kindWeight[(int)p.Kind] += w;
            }
            byPrice[i] = (p.LogPrice, w);
            if (p.Bedrooms is { } beds)
            {
                _bedroomWeightUpTo[Math.Clamp(beds, 0, MaxBedrooms)] += w;
                _bedroomWeight += w;
            }
            _byId[p.LeadId] = new Self(i, w, p);
        }
        for (var b = 1; b <= MaxBedrooms; b++)
        {
            _bedroomWeightUpTo[b] += _bedroomWeightUpTo[b - 1];
        }
        Array.Sort(byPrice);
        _sortedLogPrice = byPrice.Select(p => p.LogPrice).ToArray();
        _weightBelow = new double[n + 1];
        for (var i = 0; i < n; i++)
        {
            _weightBelow[i + 1] = _weightBelow[i] + byPrice[i].Weight;
        }
    }

    public static EngagedLeadArrays? From(IReadOnlyList<EngagedPoint>? points)
    {
        var total = points?.Sum(p => p.Weight) ?? 0;
        return points is null || points.Count == 0 || !(total > 0) ? null : new EngagedLeadArrays(points, total);
    }

    /// <param name="logPrice">ln(max(price, 1)) of the lead.</param>
    public EngagedSimilarity Compare(LeadCandidate lead, double logPrice)
    {
        var (x, y) = Project(lead.Lat, lead.Lon);
        var hasSelf = _byId.TryGetValue(lead.LeadId, out var self);
        var selfWeight = hasSelf ? self.Weight : 0;
        var total = 1.0 - selfWeight;
        if (!(total > 1e-9))
        {
            return EngagedSimilarity.None;
        }

        // Kernels 1/(1 + (d/h)^2)^2 at h = 1 km and 3 km: like a Gaussian near the lead, no exponential.
        float near1 = 0, near3 = 0, nearest2 = float.PositiveInfinity;
        var skip = hasSelf ? self.Index : -1;
        for (var i = 0; i < _x.Length; i++)
        {
            if (i == skip)
            {
                continue;
            }
            var dx = _x[i] - x;
            var dy = _y[i] - y;
            var d2 = dx * dx + dy * dy;
            nearest2 = MathF.Min(nearest2, d2);
            var k1 = 1f / (1f + d2);
            var k3 = 1f / (1f + d2 / 9f);
            near1 += _weight[i] * k1 * k1;
            near3 += _weight[i] * k3 * k3;
        }

        var kind = (uint)lead.Kind < (uint)_kindWeight.Length ? _kindWeight[(int)lead.Kind] : 0;
        var cheaper = WeightCheaperThan(logPrice);
        var bedroomWeight = _bedroomWeight;
        var fewerBeds = lead.Bedrooms is { } beds ? _bedroomWeightUpTo[Math.Clamp(beds, 0, MaxBedrooms)] : 0;
        if (hasSelf)
        {
            kind -= self.Point.Kind == lead.Kind ? selfWeight : 0;
            cheaper -= self.Point.LogPrice < logPrice ? selfWeight : self.Point.LogPrice == logPrice ? selfWeight / 2 : 0;
            if (self.Point.Bedrooms is { } selfBeds)
            {
                bedroomWeight -= selfWeight;
                fewerBeds -= lead.Bedrooms is { } leadBeds && selfBeds <= leadBeds ? selfWeight : 0;
            }
        }

        return new EngagedSimilarity(
            Math.Max(0, kind) / total,
            Math.Clamp(cheaper / total, 0, 1),
            lead.Bedrooms is not null && bedroomWeight > 1e-9 ? Math.Clamp(fewerBeds / bedroomWeight, 0, 1) : 0,
            near1 / total,
            near3 / total,
            Math.Sqrt(nearest2));
    }

    /// <summary>Weight of engaged leads cheaper than <paramref name="logPrice"/>, ties counting half.</summary>
    private double WeightCheaperThan(double logPrice)
    {
        var lower = LowerBound(logPrice);
        var upper = lower;
        while (upper < _sortedLogPrice.Length && _sortedLogPrice[upper] == logPrice)
        {
            upper++;
        }
        return _weightBelow[lower] + (_weightBelow[upper] - _weightBelow[lower]) / 2;
    }

    private int LowerBound(double value)
    {
        int low = 0, high = _sortedLogPrice.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_sortedLogPrice[mid] < value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    private (float X, float Y) Project(double lat, double lon)
    {
        var dLon = lon - _lon0;
        dLon -= 360 * Math.Round(dLon / 360); // the short way round the antimeridian
        return ((float)(dLon * _kmPerDegreeLon), (float)((lat - _lat0) * KmPerDegreeLat));
    }

    private readonly record struct Self(int Index, double Weight, EngagedPoint Point);
}
