namespace LeadRecs.Client.Api.Validation;

/// <summary>Bounds on what one request may ask for; beyond them a request is refused, not truncated.</summary>
public static class ApiLimits
{
    public const int MaxBatch = 1000;
    public const int MaxK = 100;
    public const int DefaultK = 10;
    public const double MaxPrice = 1e10;
    public const double MaxAreaSqm = 1e7;
    public const int MaxBedrooms = 100;
    public const int MaxJsonDepth = 8;
    public const long MaxBodyBytes = 4 * 1024 * 1024;
    public const int MaxHeatmapRegions = 64;
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);
}
