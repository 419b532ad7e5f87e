namespace LeadRecs.Ranking.Evaluation.Simulated;

/// <summary>What the models of <see cref="SimulatedBotProtocol"/> learn from.</summary>
public enum BotScenario
{
    /// <summary>People's events only: the market as simulated, what a perfect filter would give.</summary>
    NoBots,

    /// <summary>Everyone's events, bots included.</summary>
    Unfiltered,

    /// <summary>What the fraud filter let through as events arrived (a caught bot's run-up still in).</summary>
    FilteredAtIngestion,

    /// <summary>What the filter leaves in the interaction log (run-ups flagged retroactively are out): what training reads.</summary>
    FilteredInLog,
}
