namespace LeadRecs.Grains.Interfaces.Models;

/// <summary>One training run: what started it, how it went, and the version it registered.</summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.RetrainingRun")]
public sealed record RetrainingRun(
    [property: Id(0)] string Id,
    [property: Id(1)] string Trigger,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateTimeOffset StartedAt,
    [property: Id(4)] DateTimeOffset? FinishedAt,
    [property: Id(5)] string Status,
    [property: Id(6)] string? Version,
    [property: Id(7)] long Rows,
    [property: Id(8)] string? Error)
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public const string ManualTrigger = "manual";
    public const string ScheduleTrigger = "schedule";
    public const string DriftTrigger = "drift";
}

/// <summary>Population stability of one key feature against the serving model's training snapshot.</summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.FeatureDrift")]
public sealed record FeatureDrift(
    [property: Id(0)] string Feature,
    [property: Id(1)] double Psi,
    [property: Id(2)] double Threshold,
    [property: Id(3)] long Observations);

/// <summary>The retraining grain's view: the run in progress or the last one, the schedule, the drift seen.</summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.RetrainingStatus")]
public sealed record RetrainingStatus(
    [property: Id(0)] string ModelName,
    [property: Id(1)] RetrainingRun? Current,
    [property: Id(2)] IReadOnlyList<RetrainingRun> Recent,
    [property: Id(3)] TimeSpan Period,
    [property: Id(4)] DateTimeOffset? NextScheduledAt,
    [property: Id(5)] IReadOnlyList<FeatureDrift> Drift);
