namespace LeadRecs.Ranking.Experiments;

/// <summary>
/// Pooled two-proportion z-test: p = (sA + sB) / (nA + nB), SE = √(p(1 − p)(1/nA + 1/nB)), z = (sB/nB − sA/nA) / SE,
/// two-sided p-value = erfc(|z|/√2). Pooling is right under the null hypothesis of equal rates, which is what is tested.
/// </summary>
public static class TwoProportionZTest
{
    public static ZTestResult Compute(long successesA, long trialsA, long successesB, long trialsB)
    {
        Check(successesA, trialsA, nameof(successesA));
        Check(successesB, trialsB, nameof(successesB));

        var rateA = (double)successesA / trialsA;
        var rateB = (double)successesB / trialsB;
        var pooled = (double)(successesA + successesB) / (trialsA + trialsB);
        var standardError = Math.Sqrt(pooled * (1 - pooled) * (1.0 / trialsA + 1.0 / trialsB));
        var difference = rateB - rateA;

        // A pooled rate of 0 or 1 means both arms are all failures or all successes: no evidence of a difference.
        var z = standardError > 0 ? difference / standardError : 0;
        return new ZTestResult(rateA, rateB, difference, pooled, standardError, z, NormalDistribution.TwoSidedPValue(z));
    }

    private static void Check(long successes, long trials, string name)
    {
        if (trials < 1)
        {
            throw new ArgumentOutOfRangeException(name, "Each arm needs at least one trial.");
        }
        if (successes < 0 || successes > trials)
        {
            throw new ArgumentOutOfRangeException(name, $"Successes must be in [0, trials]; got {successes} of {trials}.");
        }
    }
}
