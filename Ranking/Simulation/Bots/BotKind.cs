namespace LeadRecs.Ranking.Simulation.Bots;

/// <summary>The automated behaviours the simulator can inject, one per pattern the fraud filter looks for.</summary>
public enum BotKind
{
    /// <summary>Scrapes listings far faster than anyone reads them.</summary>
    Scraper,

    /// <summary>Views on a timer: a human pace, but inhumanly regular.</summary>
    Metronome,

    /// <summary>Boosts one promoted lead by viewing and clicking it over and over at a human, irregular pace.</summary>
    Hammer,

    /// <summary>One of a farm of accounts that a script moves together: each looks like a person alone.</summary>
    LockstepFarm,

    /// <summary>Sends inquiries to lead after lead (lead-generation spam).</summary>
    InquirySpammer,
}
