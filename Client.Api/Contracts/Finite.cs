namespace LeadRecs.Client.Api.Contracts;

/// <summary>JSON has no NaN or infinity: a statistic that is undefined (no data yet) goes out as null.</summary>
public static class Finite
{
    public static double? OrNull(double value) => double.IsFinite(value) ? value : null;
}
