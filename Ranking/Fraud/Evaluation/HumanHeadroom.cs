using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Fraud.Evaluation;

/// <summary>
/// The most extreme value any person reaches on each statistic the filter thresholds: how much room the thresholds
/// leave. A threshold at or below a person's maximum flags that person.
/// </summary>
public sealed record HumanHeadroom(
    int MaxEventsPerMinute,
    int MaxEventsPerHour,
    int MaxEventsPerDay,
    double MinRegularityCv,
    int MaxSameLeadPerHour,
    int MaxSameLeadPerDay,
    int MaxInquiriesPerHour,
    int MaxInquiriesPerDay)
{
    /// <summary>Sliding windows ending at each event, per user, over the given (people's) events.</summary>
    public static HumanHeadroom Compute(IEnumerable<Interaction> interactions, FraudOptions options)
    {
        int perMinute = 0, perHour = 0, perDay = 0, leadHour = 0, leadDay = 0, inqHour = 0, inqDay = 0;
        var minCv = double.PositiveInfinity;
        foreach (var user in interactions.GroupBy(i => i.UserId, StringComparer.Ordinal))
        {
            var events = user.OrderBy(i => i.At).ToArray();
            var ticks = events.Select(e => e.At.UtcTicks).ToArray();
            for (var i = 0; i < events.Length; i++)
            {
                var t = ticks[i];
                perMinute = Math.Max(perMinute, CountBack(ticks, i, TimeSpan.TicksPerMinute));
                perHour = Math.Max(perHour, CountBack(ticks, i, TimeSpan.TicksPerHour));
                perDay = Math.Max(perDay, CountBack(ticks, i, TimeSpan.TicksPerDay));
                int sameHour = 0, sameDay = 0, inquiriesHour = 0, inquiriesDay = 0;
                for (var j = i; j >= 0 && ticks[j] > t - TimeSpan.TicksPerDay; j--)
                {
                    var inHour = ticks[j] > t - TimeSpan.TicksPerHour;
                    if (events[j].LeadId == events[i].LeadId)
                    {
                        sameDay++;
                        sameHour += inHour ? 1 : 0;
                    }
                    if (events[j].Kind == InteractionKind.Inquiry)
                    {
                        inquiriesDay++;
                        inquiriesHour += inHour ? 1 : 0;
                    }
                }
                (leadHour, leadDay) = (Math.Max(leadHour, sameHour), Math.Max(leadDay, sameDay));
                (inqHour, inqDay) = (Math.Max(inqHour, inquiriesHour), Math.Max(inqDay, inquiriesDay));
                if (Cv(ticks, i, options) is { } cv)
                {
                    minCv = Math.Min(minCv, cv);
                }
            }
        }
        return new HumanHeadroom(perMinute, perHour, perDay, minCv, leadHour, leadDay, inqHour, inqDay);
    }

    private static int CountBack(long[] ticks, int i, long window)
    {
        var n = 0;
        for (var j = i; j >= 0 && ticks[j] > ticks[i] - window; j--)
        {
            n++;
        }
        return n;
    }

    /// <summary>The regularity rule's statistic at event <paramref name="i"/>, when the rule would look at it.</summary>
    private static double? Cv(long[] ticks, int i, FraudOptions options)
    {
        var n = options.RegularityGaps;
        if (i < n)
        {
            return null;
        }
        var gaps = Enumerable.Range(i - n + 1, n).Select(j => (double)(ticks[j] - ticks[j - 1]) / TimeSpan.TicksPerSecond).ToArray();
        if (gaps.Any(g => g > options.SessionGap.TotalSeconds) || gaps.Average() < 1)
        {
            return null;
        }
        var mean = gaps.Average();
        return Math.Sqrt(gaps.Average(g => (g - mean) * (g - mean))) / mean;
    }
}
