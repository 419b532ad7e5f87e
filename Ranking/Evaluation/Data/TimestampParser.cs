using System.Globalization;

namespace LeadRecs.Ranking.Evaluation.Data;

/// <summary>
/// Timestamps as sortable longs: numbers are taken as they are (only their order matters to the protocols),
/// dates become Unix seconds.
/// </summary>
public static class TimestampParser
{
    public static bool TryParse(string text, out long value)
    {
        if (DelimitedLine.TryNumber(text, out var number))
        {
            value = (long)Math.Round(number);
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            value = at.ToUnixTimeSeconds();
            return true;
        }

        value = 0;
        return false;
    }
}
