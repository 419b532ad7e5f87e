namespace LeadRecs.Ranking.Experiments;

/// <summary>The standard normal distribution, for z-tests and intervals (.NET has no erf/erfc).</summary>
public static class NormalDistribution
{
    /// <summary>Φ(x) = P(Z ≤ x) = erfc(−x/√2) / 2.</summary>
    public static double Cdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>P(|Z| ≥ |z|), the two-sided p-value of a z statistic.</summary>
    public static double TwoSidedPValue(double z) => Erfc(Math.Abs(z) / Math.Sqrt(2));

    /// <summary>
    /// The complementary error function by the Chebyshev fit of Numerical Recipes (Press et al., 2nd ed., §6.2,
    /// <c>erfcc</c>): fractional error below 1.2e-7 everywhere, including far tails, which is what small p-values need.
    /// </summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        var ans = t * Math.Exp(-z * z + poly);
        return x >= 0 ? ans : 2 - ans;
    }
}
