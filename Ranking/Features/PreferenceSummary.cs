namespace LeadRecs.Ranking.Features;

/// <summary>A read-only view of a <see cref="PreferenceCentroid"/> at one moment: centre, price level and how spread out they are.</summary>
/// <param name="Weight">The centroid's decayed weight as of the snapshot: how much behaviour stands behind it.</param>
public sealed record PreferenceSummary(
    double Weight,
    (double Lat, double Lon)? Centre,
    double SpreadKm,
    double? LogPrice,
    double LogPriceSpread,
    double? Bedrooms)
{
    public static readonly PreferenceSummary Empty = new(0, null, 0, null, 0, null);

    public static PreferenceSummary Of(PreferenceCentroid centroid, DateTimeOffset now, TimeSpan halfLife) =>
        centroid.IsEmpty
            ? Empty
            : new PreferenceSummary(
                centroid.AsOf == DateTimeOffset.MinValue ? centroid.Weight : centroid.Weight * Decayed.Factor(now - centroid.AsOf, halfLife),
                centroid.Location,
                centroid.SpreadKm,
                centroid.LogPrice,
                centroid.LogPriceSpread,
                centroid.Bedrooms);
}
