namespace LeadRecs.Grains.Retraining;

/// <summary>When and how the retraining grain retrains; bound from "LeadRecs:Retraining" and validated at start.</summary>
public sealed class RetrainingOptions
{
    public const string Section = "LeadRecs:Retraining";

    public static readonly TimeSpan MinimumPeriod = TimeSpan.FromDays(7);
    public static readonly TimeSpan MaximumPeriod = TimeSpan.FromDays(14);

    /// <summary>Off: silos neither schedule retraining nor report drift (manual triggers still run).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the schedule retrains: 7 to 14 days.</summary>
    public TimeSpan Period { get; set; } = MinimumPeriod;

    /// <summary>Tests only: lets <see cref="Period"/> be shorter than 7 days (a reminder still needs Orleans' minimum).</summary>
    public bool AllowShortPeriod { get; set; }

    /// <summary>How far back the interaction log is read for a run.</summary>
    public TimeSpan TrainingWindow { get; set; } = TimeSpan.FromDays(90);

    /// <summary>A key feature whose PSI passes this (with enough observations) triggers a run.</summary>
    public double DriftThreshold { get; set; } = 0.25;

    /// <summary>Serving rows a silo must have seen of a feature before its PSI counts: below that PSI is mostly noise.</summary>
    public long MinDriftObservations { get; set; } = 1000;

    /// <summary>
    /// The least time between drift-triggered runs, and the least time a stable version serves before its drift
    /// can retrain it; null: a seventh of <see cref="Period"/> (a day). Keeps a persistent drift from retraining in a loop.
    /// </summary>
    public TimeSpan? DriftCooldown { get; set; }

    /// <summary>How often each silo sends the stable model's drift to the retraining grain.</summary>
    public TimeSpan DriftReportInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A silo's drift report older than this is forgotten (the silo stopped or no longer serves that model).</summary>
    public TimeSpan DriftReportTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The share of users a retrained version gets as the canary.</summary>
    public double CanaryShare { get; set; } = 0.1;

    public int MaxEpochs { get; set; } = 8;

    /// <summary>Finished runs kept in the grain's state (and status).</summary>
    public int MaxRecentRuns { get; set; } = 20;

    /// <summary>Lead and cell grains asked at once while the catalog of a run is gathered.</summary>
    public int GrainBatchSize { get; set; } = 500;

    /// <summary>A run still going after this is abandoned as failed (and the grain may deactivate).</summary>
    public TimeSpan MaxRunTime { get; set; } = TimeSpan.FromHours(2);

    public TimeSpan EffectiveDriftCooldown => DriftCooldown ?? Period / 7;

    /// <summary>The first problem with these options, or null.</summary>
    public string? Problem()
    {
        if (Period <= TimeSpan.Zero)
        {
            return $"{Section}:Period must be positive ({Period}).";
        }
        if (!AllowShortPeriod && (Period < MinimumPeriod || Period > MaximumPeriod))
        {
            return $"{Section}:Period must be 7 to 14 days ({Period}).";
        }
        if (Period > MaximumPeriod)
        {
            return $"{Section}:Period must be at most 14 days ({Period}).";
        }
        if (TrainingWindow <= TimeSpan.Zero)
        {
            return $"{Section}:TrainingWindow must be positive ({TrainingWindow}).";
        }
        if (!double.IsFinite(DriftThreshold) || DriftThreshold < 0)
        {
            return $"{Section}:DriftThreshold must be a non-negative number ({DriftThreshold}).";
        }
        if (MinDriftObservations < 1)
        {
            return $"{Section}:MinDriftObservations must be at least 1 ({MinDriftObservations}).";
        }
        if (DriftCooldown < TimeSpan.Zero)
        {
            return $"{Section}:DriftCooldown must not be negative ({DriftCooldown}).";
        }
        if (DriftReportInterval <= TimeSpan.Zero || DriftReportTtl <= TimeSpan.Zero)
        {
            return $"{Section}:DriftReportInterval and DriftReportTtl must be positive.";
        }
        if (!double.IsFinite(CanaryShare) || CanaryShare is < 0 or > 1)
        {
            return $"{Section}:CanaryShare must be within [0, 1] ({CanaryShare}).";
        }
        if (MaxEpochs < 1 || MaxRecentRuns < 1 || GrainBatchSize < 1)
        {
            return $"{Section}:MaxEpochs, MaxRecentRuns and GrainBatchSize must be at least 1.";
        }
        return MaxRunTime <= TimeSpan.Zero ? $"{Section}:MaxRunTime must be positive ({MaxRunTime})." : null;
    }
}
