namespace LeadRecs.Grains.Hosting;

/// <summary>Tunables of the grains; bound from the "LeadRecs:Grains" configuration section.</summary>
public sealed class LeadRecsGrainOptions
{
    public const string Section = "LeadRecs:Grains";

    /// <summary>The grain storage provider name every grain persists through.</summary>
    public const string StorageName = "leadrecs";

    /// <summary>A cached ranking older than this is recomputed even if nothing changed (popularity moves).</summary>
    public TimeSpan RecommendationTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How deep a ranking is cached: any k up to this is served from the cache.</summary>
    public int CachedRankingDepth { get; set; } = 100;

    /// <summary>
    /// A user who asked for recommendations at least twice within this window gets a fresh ranking computed right after
    /// new behaviour arrives (refresh ahead), so the next request finds it cached instead of waiting for it. Zero turns
    /// refresh ahead off. However many events follow, one refresh is made per read: events nobody reads cost nothing.
    /// </summary>
    public TimeSpan RefreshAheadWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Rankings one silo computes ahead per second at most; more are skipped (see <c>RefreshAheadBudget</c>). At ~1 ms
    /// of CPU each, the default spends at most about half a core on them.
    /// </summary>
    public int RefreshAheadPerSecond { get; set; } = 500;

    public int CandidatesPerCell { get; set; } = 120;

    /// <summary>How stale a cell's candidate list may be when read through the per-silo cache.</summary>
    public TimeSpan CandidateCacheTtl { get; set; } = TimeSpan.FromSeconds(1);

    public int TrendingCandidates { get; set; } = 100;

    /// <summary>Aggregates (popularity, demand) are written at most this often; the interaction log is the record.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a user grain writes its state when it changed. Longer than <see cref="FlushInterval"/>: a user grain that
    /// starts replays its user's log rows after what it wrote, so this bounds that replay, not what a crash can lose.
    /// </summary>
    public TimeSpan UserFlushInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often cells report to regions and regions to the trending list when something changed.</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int MaxLeadsPerCell { get; set; } = 5000;
}
