using System.Runtime.Intrinsics;
using LeadRecs.Ranking.Candidates;

namespace LeadRecs.Ranking.Features.Schema;

/// <summary>
/// A user's engaged leads laid out so that comparing a candidate with all of them is cheap: positions projected
/// to km on a local flat frame (equirectangular around the first lead; well under a percent off across a city)
/// and compared in one tight loop with rational kernels (an exponential per engaged lead per candidate cost more
/// than all other features together), eight engaged leads at a time; kind, price and bedroom shares precomputed as
/// totals, sorted prices and prefix sums.
/// A lead is never compared with itself (leave-one-out): similarity must describe taste, and a lead's own click
/// would otherwise make it the most "similar" lead of all and teach the model to recommend what was seen.
/// </summary>
internal sealed class EngagedLeadArrays
{
    private const double KmPerDegreeLat = 111.195;
    private const int MaxBedrooms = 16;

    // Vector256 on every machine (not Vector<T>, whose width varies): the lanes' partial sums, and so the rounding of
    // the result, are then the same wherever a model is trained or served.
    private static readonly int Lanes = Vector256<float>.Count;

    private readonly double _lat0;
    private readonly double _lon0;
    private readonly double _kmPerDegreeLon;
    private readonly float[] _x;
    private readonly float[] _y;
    private readonly float[] _weight;
    private readonly double[] _kindWeight;
    private readonly WeightedValues _logPrices;
    private readonly double[] _bedroomWeightUpTo; // weight of engaged leads with at most b bedrooms
    private readonly double _bedroomWeight;
    private readonly Self[] _selves;

    private EngagedLeadArrays(IReadOnlyList<EngagedPoint> points, double total)
    {
        var n = points.Count;
        _lat0 = points[0].Lat;
        _lon0 = points[0].Lon;
        _kmPerDegreeLon = KmPerDegreeLat * Math.Cos(_lat0 * Math.PI / 180);
        // Whole vectors: the padding lies infinitely far away with weight 0, so it adds 0 and is never the nearest.
        var padded = (n + Lanes - 1) / Lanes * Lanes;
        _x = new float[padded];
        _y = new float[padded];
        _weight = new float[padded];
        _x.AsSpan(n).Fill(float.PositiveInfinity);
        _y.AsSpan(n).Fill(float.PositiveInfinity);
        _kindWeight = new double[Enum.GetValues<Domain.LeadKind>().Length];
        _bedroomWeightUpTo = new double[MaxBedrooms + 1];
        _selves = new Self[n];
        var logPrices = new double[n];
        var weights = new double[n];
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
            (logPrices[i], weights[i]) = (p.LogPrice, w);
            if (p.Bedrooms is { } beds)
            {
                _bedroomWeightUpTo[Math.Clamp(beds, 0, MaxBedrooms)] += w;
                _bedroomWeight += w;
            }
            _selves[i] = new Self(w, p);
        }
        for (var b = 1; b <= MaxBedrooms; b++)
        {
            _bedroomWeightUpTo[b] += _bedroomWeightUpTo[b - 1];
        }
        _logPrices = WeightedValues.From(logPrices, weights);
    }

    public static EngagedLeadArrays? From(IReadOnlyList<EngagedPoint>? points)
    {
        var total = points?.Sum(p => p.Weight) ?? 0;
        return points is null || points.Count == 0 || !(total > 0) ? null : new EngagedLeadArrays(points, total);
    }

    /// <param name="logPrice">ln(max(price, 1)) of the lead.</param>
    /// <param name="selfIndex">The lead's own index among the engaged points (the last, if listed twice), or -1.</param>
    public EngagedSimilarity Compare(LeadCandidate lead, double logPrice, int selfIndex)
    {
        var (x, y) = Project(lead.Lat, lead.Lon);
        var hasSelf = selfIndex >= 0;
        var self = hasSelf ? _selves[selfIndex] : default;
        var selfWeight = hasSelf ? self.Weight : 0;
        var total = 1.0 - selfWeight;
        if (!(total > 1e-9))
        {
            return EngagedSimilarity.None;
        }

        // Kernels 1/(1 + (d/h)^2)^2 at h = 1 km and 3 km: like a Gaussian near the lead, no exponential.
        // Lane j sums engaged leads j, j + 8, ...; the lanes are added in a fixed order at the end.
        var vx = Vector256.Create(x);
        var vy = Vector256.Create(y);
        var one = Vector256.Create(1f);
        var nine = Vector256.Create(9f);
        var infinity = Vector256.Create(float.PositiveInfinity);
        var skip = Vector256.Create(selfIndex);
        var index = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        var step = Vector256.Create(Lanes);
        Vector256<float> near1 = default, near3 = default, nearest2 = infinity;
        for (var i = 0; i < _x.Length; i += Lanes, index += step)
        {
            var isSelf = Vector256.Equals(index, skip).AsSingle();
            var dx = Vector256.Create(_x.AsSpan(i, Lanes)) - vx;
            var dy = Vector256.Create(_y.AsSpan(i, Lanes)) - vy;
            var d2 = dx * dx + dy * dy;
            var w = Vector256.ConditionalSelect(isSelf, default, Vector256.Create(_weight.AsSpan(i, Lanes)));
            nearest2 = Vector256.Min(nearest2, Vector256.ConditionalSelect(isSelf, infinity, d2));
            var k1 = one / (one + d2);
            var k3 = one / (one + d2 / nine);
            near1 += w * k1 * k1;
            near3 += w * k3 * k3;
        }

        var kind = (uint)lead.Kind < (uint)_kindWeight.Length ? _kindWeight[(int)lead.Kind] : 0;
        var cheaper = _logPrices.WeightBelow(logPrice);
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
            SumOfLanes(near1) / total,
            SumOfLanes(near3) / total,
            Math.Sqrt(MinOfLanes(nearest2)));
    }

    private static float SumOfLanes(Vector256<float> v) =>
        (v[0] + v[1] + (v[2] + v[3])) + (v[4] + v[5] + (v[6] + v[7]));

    private static float MinOfLanes(Vector256<float> v)
    {
        var lower = Vector128.Min(v.GetLower(), v.GetUpper());
        return MathF.Min(MathF.Min(lower[0], lower[1]), MathF.Min(lower[2], lower[3]));
    }

    private (float X, float Y) Project(double lat, double lon)
    {
        var dLon = lon - _lon0;
        dLon -= 360 * Math.Round(dLon / 360); // the short way round the antimeridian
        return ((float)(dLon * _kmPerDegreeLon), (float)((lat - _lat0) * KmPerDegreeLat));
    }

    private readonly record struct Self(double Weight, EngagedPoint Point);
}
