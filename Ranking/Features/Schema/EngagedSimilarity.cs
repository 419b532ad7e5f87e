namespace LeadRecs.Ranking.Features.Schema;

/// <summary>How a lead compares with the leads a user clicked or inquired about, each weighted by its decayed weight.</summary>
/// <param name="KindShare">Weight share of engaged leads of the lead's kind.</param>
/// <param name="PriceQuantile">Weight share of engaged leads cheaper than the lead (ties count half): 0 or 1 = outside what the user engages with.</param>
/// <param name="BedroomsAtLeast">Weight share of engaged leads (with known bedrooms) that have no more bedrooms than the lead.</param>
/// <param name="Density1Km">Weighted mean of 1 / (1 + (d / 1 km)^2)^2 over engaged leads: are they right here?</param>
/// <param name="Density3Km">The same at 3 km: are they around here?</param>
/// <param name="NearestKm">Distance to the closest engaged lead.</param>
internal readonly record struct EngagedSimilarity(
    double KindShare, double PriceQuantile, double BedroomsAtLeast, double Density1Km, double Density3Km, double NearestKm)
{
    public static readonly EngagedSimilarity None = new(0, 0, 0, 0, 0, 0);
}
