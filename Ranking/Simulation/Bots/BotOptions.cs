namespace LeadRecs.Ranking.Simulation.Bots;

/// <summary>How many bots of each kind to inject into a simulated market, and how they reach the API.</summary>
public sealed record BotOptions
{
    /// <summary>The client every person's events come through (a partner backend or the web front end).</summary>
    public const string HumanClient = "web";

    public int Seed { get; init; } = 42;

    public int Scrapers { get; init; } = 4;

    public int Metronomes { get; init; } = 4;

    public int Hammers { get; init; } = 6;

    public int LockstepFarms { get; init; } = 2;

    public int FarmSize { get; init; } = 12;

    public int InquirySpammers { get; init; } = 4;

    /// <summary>Leads the bots are paid to push: hammers each take one, farms visit them half the time.</summary>
    public int PromotedLeads { get; init; } = 10;

    /// <summary>
    /// True (the worst case for the lockstep rule): bots send through the same client as people, so people and
    /// bots share one lockstep partition. False: each bot operator has a client of its own.
    /// </summary>
    public bool SharedClient { get; init; } = true;

    public int Accounts => Scrapers + Metronomes + Hammers + LockstepFarms * FarmSize + InquirySpammers;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Scrapers, nameof(Scrapers));
        ArgumentOutOfRangeException.ThrowIfNegative(Metronomes, nameof(Metronomes));
        ArgumentOutOfRangeException.ThrowIfNegative(Hammers, nameof(Hammers));
        ArgumentOutOfRangeException.ThrowIfNegative(LockstepFarms, nameof(LockstepFarms));
        ArgumentOutOfRangeException.ThrowIfLessThan(FarmSize, 1, nameof(FarmSize));
        ArgumentOutOfRangeException.ThrowIfNegative(InquirySpammers, nameof(InquirySpammers));
        ArgumentOutOfRangeException.ThrowIfLessThan(PromotedLeads, 1, nameof(PromotedLeads));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Accounts, 100_000, nameof(Accounts));
    }
}
