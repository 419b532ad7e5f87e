namespace LeadRecs.Ranking.Features;

/// <summary>
/// Prices on a geometric scale: band b covers [Floor·1.5^b, Floor·1.5^(b+1)). Buyers think in ratios
/// ("about half a million"), so a 1.5x step is one notch of preference at any price level.
/// </summary>
public static class PriceBand
{
    public const double Floor = 50_000;
    public const double Step = 1.5;
    public const int Count = 16;

    public static int Of(double price)
    {
        if (!double.IsFinite(price) || price <= Floor)
        {
            return 0;
        }
        var band = (int)Math.Floor(Math.Log(price / Floor) / Math.Log(Step));
        return Math.Clamp(band, 0, Count - 1);
    }

    public static double LowerBound(int band) => Floor * Math.Pow(Step, Math.Clamp(band, 0, Count - 1));
}
