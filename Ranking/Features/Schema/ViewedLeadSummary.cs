using LeadRecs.Ranking.Candidates;

namespace LeadRecs.Ranking.Features.Schema;

/// <summary>
/// Where and at what price a user browses, from the leads they touched last (views included: several times as many
/// as clicks, so the edge of their area and budget shows): a robust centre (the weighted median latitude and
/// longitude, which the exploring quarter of views barely moves), the weighted distribution of the touched leads'
/// distances from it and of their log prices, each sorted with prefix sums so a candidate's quantile is a binary
/// search. A candidate the user touched is left out of its own quantiles, as with the engaged leads.
/// </summary>
internal sealed class ViewedLeadSummary
{
    private readonly WeightedValues _distances;
    private readonly WeightedValues _logPrices;
    private readonly double[] _km;
    private readonly double[] _logPrice;
    private readonly double[] _weight;

    private ViewedLeadSummary(IReadOnlyList<ViewedPoint> points, double total)
    {
        var n = points.Count;
        var weights = new double[n];
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            weights[i] = points[i].Weight / total;
            values[i] = points[i].Lat;
        }
        var lat = WeightedValues.From(values, weights).Quantile(0.5);
        for (var i = 0; i < n; i++)
        {
            values[i] = points[i].Lon;
        }
        var lon = WeightedValues.From(values, weights).Quantile(0.5);
        Centre = new DistanceFrom(lat, lon);

        _km = new double[n];
        _logPrice = new double[n];
        _weight = weights;
        for (var i = 0; i < n; i++)
        {
            _km[i] = Centre.Kilometres(points[i].Lat, points[i].Lon);
            _logPrice[i] = points[i].LogPrice;
        }
        _distances = WeightedValues.From(_km, weights);
        _logPrices = WeightedValues.From(_logPrice, weights);
        MedianKm = _distances.Quantile(0.5);
        MedianLogKm = (float)(Math.Log(1 + MedianKm) / 3);
        MedianLogPrice = _logPrices.Quantile(0.5);
        LogPriceIqr = _logPrices.Quantile(0.75) - _logPrices.Quantile(0.25);
    }

    public DistanceFrom Centre { get; }

    /// <summary>Weighted median distance of the touched leads from <see cref="Centre"/>: the scale of the user's area.</summary>
    public double MedianKm { get; }

    /// <summary>The column geo.viewed_median_log_km, which depends on the user alone.</summary>
    public float MedianLogKm { get; }

    public double MedianLogPrice { get; }

    public double LogPriceIqr { get; }

    public static ViewedLeadSummary? From(IReadOnlyList<ViewedPoint>? points)
    {
        var total = points?.Sum(p => p.Weight) ?? 0;
        return points is null || points.Count == 0 || !(total > 0) ? null : new ViewedLeadSummary(points, total);
    }

    /// <summary>The lead's distance from the centre, and the weight shares of other touched leads nearer and cheaper (ties half).</summary>
    /// <param name="selfIndex">The lead's own index among the touched points (the last, if listed twice), or -1.</param>
    public (double Km, double DistanceQuantile, double PriceQuantile) Compare(LeadCandidate lead, double logPrice, int selfIndex)
    {
        var km = Centre.Kilometres(lead.Lat, lead.Lon);
        var nearer = _distances.WeightBelow(km);
        var cheaper = _logPrices.WeightBelow(logPrice);
        var total = 1.0;
        if (selfIndex >= 0)
        {
            var (selfKm, selfLogPrice, selfWeight) = (_km[selfIndex], _logPrice[selfIndex], _weight[selfIndex]);
            total -= selfWeight;
            nearer -= selfKm < km ? selfWeight : selfKm == km ? selfWeight / 2 : 0;
            cheaper -= selfLogPrice < logPrice ? selfWeight : selfLogPrice == logPrice ? selfWeight / 2 : 0;
        }
        return total > 1e-9
            ? (km, Math.Clamp(nearer / total, 0, 1), Math.Clamp(cheaper / total, 0, 1))
            : (km, 0, 0);
    }
}
