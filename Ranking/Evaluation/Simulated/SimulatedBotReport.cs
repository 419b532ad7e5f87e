namespace LeadRecs.Ranking.Evaluation.Simulated;

/// <summary>What <see cref="SimulatedBotProtocol"/> measured, and what the filter caught (null when it did not run).</summary>
public sealed record SimulatedBotReport(
    IReadOnlyList<SimulatedBotRow> Rows,
    int People,
    int BotAccounts,
    int PeopleEvents,
    int BotEvents,
    int PromotedLeads,
    FilterCatch? Filter);
