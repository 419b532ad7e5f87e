namespace LeadRecs.Ranking.Features;

/// <summary>Decay rates and size bounds of behavioural features; bounds keep grain state small.</summary>
public sealed record FeatureOptions
{
    public static readonly FeatureOptions Default = new();

    /// <summary>How fast a user's preferences fade: two weeks of silence halves their weight.</summary>
    public TimeSpan PreferenceHalfLife { get; init; } = TimeSpan.FromDays(14);

    /// <summary>How fast a lead's or a cell's popularity fades: attention on listings is short-lived.</summary>
    public TimeSpan PopularityHalfLife { get; init; } = TimeSpan.FromDays(3);

    public int MaxRecentLeads { get; init; } = 50;

    public int MaxTrackedCells { get; init; } = 32;

    /// <summary>Clicked or inquired leads kept with their attributes for similarity features; the newest are kept.</summary>
    public int MaxEngagedLeads { get; init; } = 40;

    /// <summary>Touched leads kept with place and price for the spread of the user's browsing; the newest are kept.</summary>
    public int MaxViewedLeads { get; init; } = 50;
}
