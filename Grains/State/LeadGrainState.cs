using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Ranking.Features;

namespace LeadRecs.Grains.State;

/// <summary>
/// Persisted state of a lead grain; <see cref="Lead"/> is null until the lead is first upserted. Stored as JSON; add
/// members, never rename them.
/// </summary>
public sealed class LeadGrainState
{
    public LeadInfo? Lead { get; set; }
    public string? CellId { get; set; }
    public Decayed Popularity { get; set; } = Decayed.Zero;
    public long Views { get; set; }
    public long Clicks { get; set; }
    public long Inquiries { get; set; }
    public RecentEventIds AppliedEvents { get; set; } = new();
    public RecentEventIds RetractedEvents { get; set; } = new();

    /// <summary>
    /// Which of the lead's interaction log rows the popularity and funnel counts hold; what a restarted grain replays
    /// from. A null position in a stored state means it was written before positions were kept.
    /// </summary>
    public LogProgress Log { get; set; } = new();
}
