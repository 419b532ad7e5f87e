using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.Grains.Interfaces.Fraud;

/// <summary>One event as a user's screen sees it; <paramref name="LockstepHit"/> was decided by the client's lockstep grains.</summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.ScreenItem")]
public sealed record ScreenItem(
    [property: Id(0)] string LeadId,
    [property: Id(1)] InteractionKind Kind,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string? EventId,
    [property: Id(4)] bool LockstepHit);
