using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Features;

/// <summary>
/// An immutable snapshot of a user's preferences at one moment: decayed weights normalised into shares, so
/// scoring does not care how active the user is, only what they lean towards.
/// </summary>
/// <param name="LastActivity">When the user last did anything; recency is a feature of the ranking model.</param>
/// <param name="Overall">Where and at what price the user looks, with spreads, from all behaviour.</param>
/// <param name="Engaged">The same from clicks and inquiries only.</param>
/// <param name="EngagedLeads">The leads behind <paramref name="Engaged"/>, for similarity to each rather than to their mean.</param>
/// <param name="ViewedLeads">The leads touched most recently, for the spread of browsing in place and price.</param>
/// <param name="DecayedViews">Decayed count of views (likewise clicks and inquiries): how engaged the user is, not what they like.</param>
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
    long FeatureVersion,
    DateTimeOffset? LastActivity = null,
    double DecayedViews = 0,
    double DecayedClicks = 0,
    double DecayedInquiries = 0,
    PreferenceSummary? Overall = null,
    PreferenceSummary? Engaged = null,
    IReadOnlyList<EngagedPoint>? EngagedLeads = null,
    IReadOnlyList<ViewedPoint>? ViewedLeads = null)
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

        double Funnel(InteractionKind kind) => features.ByInteraction.GetValueOrDefault(kind, Decayed.Zero).ValueAt(now, halfLife);

        return new UserProfile(
            userId, now, activity, kinds, bands, topCells,
            features.Centroid.Location, features.Centroid.LogPrice, features.Centroid.Bedrooms,
            recent, features.Version, features.LastActivity,
            Funnel(InteractionKind.View), Funnel(InteractionKind.Click), Funnel(InteractionKind.Inquiry),
            PreferenceSummary.Of(features.Centroid, now, halfLife), PreferenceSummary.Of(features.Engaged, now, halfLife),
            features.EngagedLeads
                .Select(e => new EngagedPoint(
                    e.LeadId, e.Lat, e.Lon, Math.Log(Math.Max(e.Price, 1.0)), e.Bedrooms, e.Kind, new Decayed(e.Weight, e.At).ValueAt(now, halfLife)))
                .ToArray(),
            features.ViewedLeads
                .Select(v => new ViewedPoint(v.LeadId, v.Lat, v.Lon, Math.Log(Math.Max(v.Price, 1.0)), new Decayed(v.Weight, v.At).ValueAt(now, halfLife)))
                .ToArray());
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
