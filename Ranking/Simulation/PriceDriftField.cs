using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Geo;

namespace LeadRecs.Ranking.Simulation;

/// <summary>
/// Where prices go: a city-wide trend plus a few smooth bumps, so neighbouring areas move together and some
/// areas rise while others fall. The bumps are centred on the median lead, so for every seed about half the
/// market moves faster than the city-wide trend and half slower. Rates are per day on a log scale and reach about ±9% a month, far steeper
/// than a real market, so that a 30-day demo shows a trend a model (and a person) can see.
/// </summary>
internal sealed class PriceDriftField
{
    private const double MaxDailyRate = 0.004;

    private readonly (double Lat, double Lon, double Amplitude, double SigmaKm)[] _bumps;
    private readonly double _cityTrend;
    private readonly double _medianBumps;

    public PriceDriftField(IReadOnlyList<Lead> leads, DeterministicRandom random)
    {
        _cityTrend = random.NextDouble(-0.0005, 0.001);
        var count = leads.Count == 0 ? 0 : 8;
        _bumps = new (double, double, double, double)[count];
        for (var i = 0; i < count; i++)
        {
            // Bumps sit on leads so they fall where the market is, not in empty country.
            var centre = leads[random.Next(leads.Count)];
            _bumps[i] = (centre.Lat, centre.Lon, random.NextDouble(-0.003, 0.003), random.NextDouble(4, 10));
        }
        if (leads.Count > 0)
        {
            var sums = leads.Select(l => BumpSum(l.Lat, l.Lon)).Order().ToList();
            _medianBumps = sums[sums.Count / 2];
        }
    }

    public double DailyRate(double lat, double lon) =>
        Math.Clamp(_cityTrend + BumpSum(lat, lon) - _medianBumps, -MaxDailyRate, MaxDailyRate);

    private double BumpSum(double lat, double lon)
    {
        var sum = 0.0;
        foreach (var (bumpLat, bumpLon, amplitude, sigma) in _bumps)
        {
            var d = GeoDistance.Kilometres(lat, lon, bumpLat, bumpLon) / sigma;
            sum += amplitude * Math.Exp(-d * d / 2);
        }
        return sum;
    }
}
