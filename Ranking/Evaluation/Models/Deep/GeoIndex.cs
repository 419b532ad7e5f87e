using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Geo;

namespace LeadRecs.Ranking.Evaluation.Models.Deep;

/// <summary>
/// Per located item: how many other items lie within <see cref="RadiusKm"/> (local density) and its nearest
/// located items (the pool of geo-near hard negatives). Built by brute force over unit vectors, one dot product a
/// pair, in parallel: a second for ten thousand items; a catalogue of millions would want a spatial index.
/// </summary>
public sealed class GeoIndex
{
    private GeoIndex(ItemLocations locations, double radiusKm, int[] density, int[][] nearest)
    {
        Locations = locations;
        RadiusKm = radiusKm;
        Density = density;
        Nearest = nearest;
    }

    public ItemLocations Locations { get; }

    public double RadiusKm { get; }

    /// <summary>Other located items within the radius, per item (0 for items without a location).</summary>
    public int[] Density { get; }

    /// <summary>Up to k nearest other located items, nearest first (empty for items without a location).</summary>
    public int[][] Nearest { get; }

    public static GeoIndex Build(ItemLocations locations, double radiusKm, int neighbours, int maxDegreeOfParallelism)
    {
        var v = locations.Vectors;
        var located = Enumerable.Range(0, locations.Count).Where(locations.Has).ToArray();
        var cosRadius = CosOfDistance(radiusKm);
        var density = new int[locations.Count];
        var nearest = new int[locations.Count][];
        Array.Fill(nearest, []);
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.ForEach(located, options, () => (Items: new int[neighbours], Dots: new double[neighbours]), (i, _, best) =>
        {
            var count = 0;
            var within = 0;
            foreach (var j in located)
            {
                if (j == i)
                {
                    continue;
                }

                var dot = v[3 * i] * v[3 * j] + v[3 * i + 1] * v[3 * j + 1] + v[3 * i + 2] * v[3 * j + 2];
                if (dot >= cosRadius)
                {
                    within++;
                }

                if (count == neighbours && dot <= best.Dots[count - 1])
                {
                    continue;
                }

                var at = count < neighbours ? count++ : neighbours - 1;
                while (at > 0 && dot > best.Dots[at - 1])
                {
                    best.Dots[at] = best.Dots[at - 1];
                    best.Items[at] = best.Items[at - 1];
                    at--;
                }

                best.Dots[at] = dot;
                best.Items[at] = j;
            }

            density[i] = within;
            nearest[i] = best.Items[..count];
            return best;
        }, _ => { });

        return new GeoIndex(locations, radiusKm, density, nearest);
    }

    /// <summary>The dot product of two unit vectors that are <paramref name="km"/> apart on the sphere.</summary>
    public static double CosOfDistance(double km) => Math.Cos(Math.Min(km / GeoDistance.EarthRadiusKm, Math.PI));

    /// <summary>Great-circle kilometres from the dot product of two unit vectors.</summary>
    public static double Kilometres(double dot) => GeoDistance.EarthRadiusKm * Math.Acos(Math.Clamp(dot, -1.0, 1.0));
}
