namespace LeadRecs.Ranking.Domain;

/// <summary>
/// Why the fraud filter set an interaction aside (the <c>flags</c> column of the interaction log). Any bit keeps the
/// interaction in the log but out of popularity, geo demand, user features, drift statistics and training sets.
/// </summary>
[Flags]
public enum InteractionFlags : short
{
    None = 0,

    /// <summary>More events in a minute, hour or day than a person can make.</summary>
    Burst = 1 << 0,

    /// <summary>Intervals between events more regular than any person's.</summary>
    RegularIntervals = 1 << 1,

    /// <summary>One user hitting one lead over and over.</summary>
    Hammering = 1 << 2,

    /// <summary>Many users of one client touching the same leads within seconds of each other, repeatedly.</summary>
    Lockstep = 1 << 3,

    /// <summary>More inquiries than a person sends.</summary>
    InquiryFlood = 1 << 4,
}
