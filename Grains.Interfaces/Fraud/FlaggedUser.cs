using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.Grains.Interfaces.Fraud;

/// <summary>A user the fraud filter flagged: why, when (event time), and how much of what they did it set aside.</summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.FlaggedUser")]
public sealed record FlaggedUser(
    [property: Id(0)] string UserId,
    [property: Id(1)] InteractionFlags Reasons,
    [property: Id(2)] DateTimeOffset FirstFlaggedAt,
    [property: Id(3)] DateTimeOffset LastFlaggedAt,
    [property: Id(4)] long FlaggedEvents,
    [property: Id(5)] long ScreenedEvents);
