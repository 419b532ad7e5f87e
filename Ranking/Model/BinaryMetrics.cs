namespace LeadRecs.Ranking.Model;

/// <summary>Offline metrics for a binary scorer.</summary>
public static class BinaryMetrics
{
    /// <summary>
    /// ROC AUC by the rank-sum (Mann-Whitney) identity; tied scores share their average rank, so a constant
    /// scorer gets 0.5. Labels >= 0.5 count as positive. NaN when either class is absent.
    /// </summary>
    public static double Auc(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException("scores and labels differ in length.");
        }

        var n = scores.Length;
        var keys = scores.ToArray();
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        double positiveRankSum = 0;
        long positives = 0;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && keys[j + 1] == keys[i])
            {
                j++;
            }

            var averageRank = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++)
            {
                if (labels[order[k]] >= 0.5f)
                {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }

            i = j + 1;
        }

        long negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>Mean binary cross-entropy of probabilities, clamped away from 0 and 1.</summary>
    public static double LogLoss(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels)
    {
        double sum = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var p = Math.Clamp((double)scores[i], 1e-7, 1 - 1e-7);
            sum -= labels[i] * Math.Log(p) + (1 - labels[i]) * Math.Log(1 - p);
        }

        return scores.Length == 0 ? double.NaN : sum / scores.Length;
    }
}
