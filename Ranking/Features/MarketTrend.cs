namespace LeadRecs.Ranking.Features;

/// <summary>
/// The direction of an area's prices: the least-squares slope of log(price) per 30 days over a trailing
/// window. A slope of 0.01 means prices rise about 1% a month. Logs make the trend comparable across
/// cheap and expensive areas.
/// </summary>
public static class MarketTrend
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(180);

    public static double MonthlyLogSlope(IEnumerable<(DateOnly Date, double Price)> series)
    {
        var points = series.Where(p => double.IsFinite(p.Price) && p.Price > 0).ToList();
        if (points.Count < 2)
        {
            return 0;
        }
        var latest = points.Max(p => p.Date);
        var start = latest.AddDays(-(int)Window.TotalDays);
        points = points.Where(p => p.Date >= start).ToList();
        if (points.Count < 2)
        {
            return 0;
        }

        var meanX = points.Average(p => (double)p.Date.DayNumber);
        var meanY = points.Average(p => Math.Log(p.Price));
        double sxy = 0, sxx = 0;
        foreach (var (date, price) in points)
        {
            var dx = date.DayNumber - meanX;
            sxy += dx * (Math.Log(price) - meanY);
            sxx += dx * dx;
        }
        return sxx == 0 ? 0 : sxy / sxx * 30.0;
    }
}
