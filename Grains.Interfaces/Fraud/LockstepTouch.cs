namespace LeadRecs.Grains.Interfaces.Fraud;

/// <summary>A user touching a lead at a time, as a lockstep grain sees it.</summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.LockstepTouch")]
public sealed record LockstepTouch(
    [property: Id(0)] string LeadId,
    [property: Id(1)] string UserId,
    [property: Id(2)] DateTimeOffset At);
