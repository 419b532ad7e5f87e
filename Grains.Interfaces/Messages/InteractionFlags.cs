namespace LeadRecs.Grains.Interfaces.Messages;

/// <summary>Mirrors <c>LeadRecs.Ranking.Domain.InteractionFlags</c>: why the fraud filter set an interaction aside.</summary>
[Flags]
[GenerateSerializer]
[Alias("LeadRecs.InteractionFlags")]
public enum InteractionFlags : short
{
    None = 0,
    Burst = 1 << 0,
    RegularIntervals = 1 << 1,
    Hammering = 1 << 2,
    Lockstep = 1 << 3,
    InquiryFlood = 1 << 4,
}
