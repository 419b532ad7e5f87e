using LeadRecs.Grains.Interfaces.Models;

namespace LeadRecs.Grains.Retraining;

/// <summary>What the retraining grain persists; <see cref="Recent"/> is bounded by the grain.</summary>
public sealed class RetrainingState
{
    /// <summary>The run in progress when the state was written; found on activation, it was interrupted.</summary>
    public RetrainingRun? Current { get; set; }

    /// <summary>Finished runs, newest first.</summary>
    public List<RetrainingRun> Recent { get; set; } = [];

    /// <summary>Runs ever started: the suffix that keeps version strings unique within a second.</summary>
    public long RunCount { get; set; }

    public DateTimeOffset? LastDriftTriggerAt { get; set; }

    /// <summary>The period the schedule's reminder was registered with; another configured period re-registers it.</summary>
    public TimeSpan? ScheduledPeriod { get; set; }

    public DateTimeOffset? NextScheduledAt { get; set; }
}
