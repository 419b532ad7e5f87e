using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Features.Schema;

namespace LeadRecs.UnitTests.Features.Schema;

public sealed class EngagedLeadArraysTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The densities and nearest distance are summed eight engaged leads at a time; they must equal the plain
    /// one-at-a-time loop (what released models were trained on) up to float rounding, whatever the count, with the
    /// candidate among the engaged leads (left out) or not.
    /// </summary>
    [Fact]
    public void Vector_loop_matches_a_scalar_loop_on_random_users()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 400; trial++)
        {
            var n = 1 + random.Next(48);
            var points = Enumerable.Range(0, n)
                .Select(i => new EngagedPoint(
                    $"e{i}", 47.6 + (random.NextDouble() - 0.5) * 0.3, -122.3 + (random.NextDouble() - 0.5) * 0.4,
                    Math.Log(200_000 + random.Next(800_000)), random.Next(6), (LeadKind)random.Next(6), 0.01 + random.NextDouble()))
                .ToArray();
            var arrays = EngagedLeadArrays.From(points)!;
            for (var c = 0; c < 20; c++)
            {
                var self = random.Next(3) == 0 ? random.Next(n) : -1;
                var lat = self >= 0 ? points[self].Lat : 47.6 + (random.NextDouble() - 0.5) * 0.4;
                var lon = self >= 0 ? points[self].Lon : -122.3 + (random.NextDouble() - 0.5) * 0.5;
                var price = 150_000 + random.Next(1_000_000);
                var lead = new LeadCandidate(
                    self >= 0 ? $"e{self}" : $"x{c}", lat, lon, price, LeadKind.House, 3, 100, T0, LeadStatus.Active, 1, "", 1, 1, 0);

                var actual = arrays.Compare(lead, Math.Log(price), self);
                if (n == 1 && self == 0)
                {
                    Assert.Equal(EngagedSimilarity.None, actual); // nothing left to compare with
                    continue;
                }
                var (near1, near3, nearestKm) = ScalarReference(points, lead, self);

                Assert.Equal(near1, actual.Density1Km, SummationBound(n, near1));
                Assert.Equal(near3, actual.Density3Km, SummationBound(n, near3));
                Assert.Equal(nearestKm, actual.NearestKm);
            }
        }
    }

    /// <summary>
    /// Two float sums of the same n positive terms in different orders are each within (n - 1) units of rounding
    /// (2^-24) of the exact sum, relative to it; so they differ by at most twice that.
    /// </summary>
    private static double SummationBound(int n, double sum) => 2 * n * Math.Pow(2, -24) * sum + 1e-12;

    /// <summary>The loop as first released: engaged leads one at a time, in order, the candidate itself skipped.</summary>
    private static (double Near1, double Near3, double NearestKm) ScalarReference(EngagedPoint[] points, LeadCandidate lead, int self)
    {
        const double kmPerDegreeLat = 111.195;
        var lat0 = points[0].Lat;
        var lon0 = points[0].Lon;
        var kmPerDegreeLon = kmPerDegreeLat * Math.Cos(lat0 * Math.PI / 180);
        (float X, float Y) Project(double lat, double lon)
        {
            var dLon = lon - lon0;
            dLon -= 360 * Math.Round(dLon / 360);
            return ((float)(dLon * kmPerDegreeLon), (float)((lat - lat0) * kmPerDegreeLat));
        }

        var total = points.Sum(p => p.Weight);
        var (x, y) = Project(lead.Lat, lead.Lon);
        float near1 = 0, near3 = 0, nearest2 = float.PositiveInfinity;
        for (var i = 0; i < points.Length; i++)
        {
            if (i == self)
            {
                continue;
            }
            var (px, py) = Project(points[i].Lat, points[i].Lon);
            var w = (float)(points[i].Weight / total);
            var dx = px - x;
            var dy = py - y;
            var d2 = dx * dx + dy * dy;
            nearest2 = MathF.Min(nearest2, d2);
            var k1 = 1f / (1f + d2);
            var k3 = 1f / (1f + d2 / 9f);
            near1 += w * k1 * k1;
            near3 += w * k3 * k3;
        }
        var rest = 1.0 - (self >= 0 ? points[self].Weight / total : 0);
        return (near1 / rest, near3 / rest, Math.Sqrt(nearest2));
    }
}
