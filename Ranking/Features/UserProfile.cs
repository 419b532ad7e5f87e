using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Features;

/// <summary>
/// An immutable snapshot of a user's preferences at one moment: decayed weights normalised into shares, so
/// scoring does not care how active the user is, only what they lean towards.
/// </summary>
public sealed record UserProfile(
    string UserId,
    DateTimeOffset AsOf,
    double ActivityWeight,
    IReadOnlyList<double> KindShare,
    IReadOnlyList<double> PriceBandShare,
    IReadOnlyList<(string CellId, double Weight)> TopCells,
    (double Lat, double Lon)? Centre,
    double? LogPrice,
    double? Bedrooms,
    IReadOnlyDictionary<string, InteractionKind> RecentLeads,
    long FeatureVersion)
{
    /// <summary>A user with nothing behind them gets popular and in-demand leads.</summary>
    public bool IsCold => ActivityWeight < 1e-6 || Centre is null;

    public static UserProfile Cold(string userId, DateTimeOffset now) => new(
        userId, now, 0, new double[Enum.GetValues<LeadKind>().Length], new double[PriceBand.Count], [],
        null, null, null, new Dictionary<string, InteractionKind>(), 0);

    internal static UserProfile From(string userId, UserFeatures features, DateTimeOffset now, FeatureOptions options)
    {
        var halfLife = options.PreferenceHalfLife;
        var kinds = new double[Enum.GetValues<LeadKind>().Length];
        foreach (var (kind, value) in features.ByKind)
        {
            kinds[(int)kind] = value.ValueAt(now, halfLife);
        }
        var bands = new double[PriceBand.Count];
        foreach (var (band, value) in features.ByPriceBand)
        {
            bands[band] = value.ValueAt(now, halfLife);
        }
        var activity = kinds.Sum();
        Normalise(kinds);
        Normalise(bands);

        var cells = features.ByCell
            .Select(c => (CellId: c.Key, Weight: c.Value.ValueAt(now, halfLife)))
            .OrderByDescending(c => c.Weight)
            .ThenBy(c => c.CellId, StringComparer.Ordinal)
            .ToList();
        var cellTotal = cells.Sum(c => c.Weight);
        var topCells = cells.Select(c => (c.CellId, cellTotal > 0 ? c.Weight / cellTotal : 0)).ToList();

        var recent = new Dictionary<string, InteractionKind>(StringComparer.Ordinal);
        foreach (var lead in features.Recent)
        {
            recent.TryAdd(lead.LeadId, lead.DeepestKind);
        }

        return new UserProfile(
            userId, now, activity, kinds, bands, topCells,
            features.Centroid.Location, features.Centroid.LogPrice, features.Centroid.Bedrooms,
            recent, features.Version);
    }

    private static void Normalise(double[] values)
    {
        var total = values.Sum();
        if (total <= 0)
        {
            return;
        }
        for (var i = 0; i < values.Length; i++)
        {
            values[i] /= total;
        }
    }
}
