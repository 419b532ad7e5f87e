using LeadRecs.Ranking.Evaluation.Data;

namespace LeadRecs.Ranking.Evaluation.Models.Deep;

/// <summary>
/// The geographic dense features of a (user, item) pair, from the user's located training items:
/// distance to the user's centroid (raw and over the user's typical radius, the RMS distance of their items to
/// the centroid), the share of their items within r and 4r km of the item, the distance to their nearest item,
/// the item's local density, and a flag for "no geography here" (item or history unlocated).
/// A training row leaves its group's positive out of the history (the positive and its negatives alike), so rows
/// look exactly as a held-out item and its competitors will; otherwise every positive would sit at distance zero
/// from its own history, and its negatives would be measured against a history that still holds it.
/// </summary>
public sealed class GeoFeatures
{
    public const int Width = 7;

    public static readonly IReadOnlyList<string> Names =
        ["geo.logCentroidKm", "geo.logCentroidOverRadius", "geo.shareWithinR", "geo.shareWithin4R", "geo.logNearestKm", "geo.logDensity", "geo.missing"];

    // Typical radii below 100 m say more about duplicate venues than about a user; floor them.
    private const double MinRadiusKm = 0.1;

    private readonly GeoIndex _index;
    private readonly UserGeoProfile[] _profiles;
    private readonly double _cosR;
    private readonly double _cos4R;

    public GeoFeatures(GeoIndex index, UserItemMatrix train)
    {
        _index = index;
        _cosR = GeoIndex.CosOfDistance(index.RadiusKm);
        _cos4R = GeoIndex.CosOfDistance(4 * index.RadiusKm);
        var v = index.Locations.Vectors;
        _profiles = train.UserItems.Select(items =>
        {
            var located = items.Where(index.Locations.Has).ToArray();
            return located.Length == 0
                ? UserGeoProfile.Empty
                : new UserGeoProfile(located, located.Sum(i => v[3 * i]), located.Sum(i => v[3 * i + 1]), located.Sum(i => v[3 * i + 2]));
        }).ToArray();
    }

    /// <param name="leftOut">An item to leave out of the user's history (-1: none).</param>
    public void Write(int user, int item, int leftOut, Span<float> row)
    {
        row.Slice(0, Width).Clear();
        var locations = _index.Locations;
        var profile = _profiles[user];
        var excluded = leftOut >= 0 && Array.BinarySearch(profile.Items, leftOut) >= 0;
        var n = profile.Count - (excluded ? 1 : 0);
        if (!locations.Has(item) || n == 0)
        {
            row[6] = 1f;
            return;
        }

        var v = locations.Vectors;
        var (x, y, z) = (v[3 * item], v[3 * item + 1], v[3 * item + 2]);
        var (cx, cy, cz) = (profile.SumX, profile.SumY, profile.SumZ);
        if (excluded)
        {
            (cx, cy, cz) = (cx - v[3 * leftOut], cy - v[3 * leftOut + 1], cz - v[3 * leftOut + 2]);
        }

        var norm = Math.Sqrt(cx * cx + cy * cy + cz * cz);
        if (norm < 1e-12)
        {
            row[6] = 1f;
            return;
        }

        (cx, cy, cz) = (cx / norm, cy / norm, cz / norm);
        var withinR = 0;
        var within4R = 0;
        var nearestDot = -1.0;
        var squaredRadius = 0.0;
        foreach (var h in profile.Items)
        {
            if (excluded && h == leftOut)
            {
                continue;
            }

            var (hx, hy, hz) = (v[3 * h], v[3 * h + 1], v[3 * h + 2]);
            var dot = hx * x + hy * y + hz * z;
            withinR += dot >= _cosR ? 1 : 0;
            within4R += dot >= _cos4R ? 1 : 0;
            nearestDot = Math.Max(nearestDot, dot);
            var fromCentre = GeoIndex.Kilometres(hx * cx + hy * cy + hz * cz);
            squaredRadius += fromCentre * fromCentre;
        }

        var centroidKm = GeoIndex.Kilometres(x * cx + y * cy + z * cz);
        var radiusKm = Math.Max(Math.Sqrt(squaredRadius / n), MinRadiusKm);
        row[0] = (float)Math.Log(1 + centroidKm);
        row[1] = (float)Math.Log(1 + centroidKm / radiusKm);
        row[2] = withinR / (float)n;
        row[3] = within4R / (float)n;
        row[4] = (float)Math.Log(1 + GeoIndex.Kilometres(nearestDot));
        row[5] = (float)Math.Log(1 + _index.Density[item]);
    }
}
