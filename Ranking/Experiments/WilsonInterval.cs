namespace LeadRecs.Ranking.Experiments;

/// <summary>
/// The Wilson score interval of a proportion: unlike p ± z·√(p(1 − p)/n) it stays inside [0, 1] and is sensible at
/// 0 or n successes, which small canaries see. Centre (p + z²/2n) / (1 + z²/n),
/// half-width z / (1 + z²/n) · √(p(1 − p)/n + z²/4n²).
/// </summary>
public sealed record WilsonInterval(double Lower, double Upper)
{
    /// <summary>The interval for <paramref name="successes"/> of <paramref name="trials"/>; [0, 1] when there are no trials.</summary>
    public static WilsonInterval Compute(long successes, long trials, double z = 1.96)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        if (successes < 0 || successes > trials)
        {
            throw new ArgumentOutOfRangeException(nameof(successes), $"Successes must be in [0, trials]; got {successes} of {trials}.");
        }
        if (!double.IsFinite(z) || z <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(z), "z must be a positive number.");
        }
        if (trials == 0)
        {
            return new WilsonInterval(0, 1);
        }

        double n = trials;
        var p = successes / n;
        var z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = z / denominator * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new WilsonInterval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
