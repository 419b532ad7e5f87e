namespace LeadRecs.Ranking.Evaluation.Reporting;

/// <summary>
/// The paired sign test over users: for each user, does model A score above, below or level with model B on the
/// metric? Level users are dropped; under the null hypothesis the rest split 50/50, and the two-sided p-value is
/// twice the binomial tail of the smaller side (capped at 1). It assumes nothing about the metric's distribution,
/// which suits per-user hits and NDCG (mostly 0 or a handful of values).
/// </summary>
public static class SignTest
{
    public static SignTestResult Compare(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("the two models must be scored on the same cases, in the same order.", nameof(b));
        }

        var wins = 0;
        var losses = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] > b[i])
            {
                wins++;
            }
            else if (a[i] < b[i])
            {
                losses++;
            }
        }

        return new SignTestResult(wins, losses, a.Length - wins - losses, TwoSidedP(wins, losses));
    }

    /// <summary>2 P(X &lt;= min(wins, losses)) for X ~ Binomial(wins + losses, 1/2), summed in log space so n in the thousands is exact enough.</summary>
    public static double TwoSidedP(int wins, int losses)
    {
        var n = wins + losses;
        if (n == 0)
        {
            return 1;
        }

        var k = Math.Min(wins, losses);
        var logHalfN = n * Math.Log(0.5);
        var logChoose = 0.0; // log C(n, 0)
        var tail = 0.0;
        for (var i = 0; i <= k; i++)
        {
            if (i > 0)
            {
                logChoose += Math.Log(n - i + 1) - Math.Log(i);
            }

            tail += Math.Exp(logChoose + logHalfN);
        }

        return Math.Min(1, 2 * tail);
    }
}
