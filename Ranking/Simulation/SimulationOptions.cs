namespace LeadRecs.Ranking.Simulation;

/// <summary>What to simulate. Every default is a constant, so the same options always give the same market.</summary>
public sealed record SimulationOptions
{
    /// <summary>A Monday at midnight UTC; fixed rather than "now" so a run can be repeated byte for byte.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public int Seed { get; init; } = 42;

    /// <summary>Leads to put on the market; with kc-house, at most the 21,608 rows of the file.</summary>
    public int LeadCount { get; init; } = 2_000;

    public int UserCount { get; init; } = 300;

    public int Days { get; init; } = 30;

    /// <summary>
    /// Average views per user per day over all users and days (clicks and inquiries come on top: roughly
    /// 12% and 2% of views). Users differ: some are active most days, some rarely.
    /// </summary>
    public double ViewsPerUserPerDay { get; init; } = 6;

    /// <summary>The first simulated instant; day d covers [Start + d days, Start + d + 1 days).</summary>
    public DateTimeOffset Start { get; init; } = DefaultStart;

    /// <summary>Seed leads from kc-house when the file can be found; otherwise (or when false) a synthetic city.</summary>
    public bool UseKcHouse { get; init; } = true;

    /// <summary>The kc-house csv; null looks it up under <c>shared/data</c>.</summary>
    public string? KcHousePath { get; init; }

    /// <summary>One market point per geo cell every this many days (1 = daily, 7 = weekly).</summary>
    public int MarketIntervalDays { get; init; } = 1;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LeadCount, nameof(LeadCount));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(UserCount, nameof(UserCount));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Days, nameof(Days));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Days, 3_650, nameof(Days));
        ArgumentOutOfRangeException.ThrowIfNegative(ViewsPerUserPerDay, nameof(ViewsPerUserPerDay));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ViewsPerUserPerDay, 500, nameof(ViewsPerUserPerDay));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MarketIntervalDays, nameof(MarketIntervalDays));
    }
}
