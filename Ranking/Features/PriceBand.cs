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

    // Starts[b] is the smallest price that the defining formula (Reference) puts in band b or above, found once by
    // bisecting the doubles. Counting the starts at or below a price gives the formula's band without a logarithm
    // per call, bit for bit at the edges too (the formula only grows with the price; a test checks every edge).
    private static readonly double[] Starts = Enumerable.Range(0, Count).Select(StartOf).ToArray();

    public static int Of(double price)
    {
        if (!double.IsFinite(price) || price <= Floor)
        {
            return 0;
        }
        var band = 0;
        while (band < Count - 1 && price >= Starts[band + 1])
        {
            band++;
        }
        return band;
    }

    /// <summary>The smallest price in <paramref name="band"/> (0 for band 0).</summary>
    internal static double Start(int band) => Starts[band];

    public static double LowerBound(int band) => Floor * Math.Pow(Step, Math.Clamp(band, 0, Count - 1));

    /// <summary>The band by its definition: floor(log_1.5(price / Floor)), clamped.</summary>
    internal static int Reference(double price)
    {
        if (!double.IsFinite(price) || price <= Floor)
        {
            return 0;
        }
        var band = (int)Math.Floor(Math.Log(price / Floor) / Math.Log(Step));
        return Math.Clamp(band, 0, Count - 1);
    }

    private static double StartOf(int band)
    {
        if (band == 0)
        {
            return 0;
        }
        // Positive doubles order like their bit patterns, so bisect the bits: Reference(low) < band <= Reference(high).
        var low = BitConverter.DoubleToInt64Bits(Floor);
        var high = BitConverter.DoubleToInt64Bits(double.MaxValue);
        while (high - low > 1)
        {
            var mid = low + (high - low) / 2;
            if (Reference(BitConverter.Int64BitsToDouble(mid)) >= band)
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }
        return BitConverter.Int64BitsToDouble(high);
    }
}
