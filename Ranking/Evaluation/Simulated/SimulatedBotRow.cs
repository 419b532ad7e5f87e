namespace LeadRecs.Ranking.Evaluation.Simulated;

/// <summary>One model in one scenario of <see cref="SimulatedBotProtocol"/>.</summary>
/// <param name="RelevantAtK">Mean share of each person's top k that their hidden preference calls relevant.</param>
/// <param name="PromotedShare">Share of people's top-k slots that went to the leads the bots push.</param>
/// <param name="NewUserPromotedShare">The same for a user without history (whose list is the trending one).</param>
/// <param name="Events">Events the models learnt from in this scenario.</param>
public sealed record SimulatedBotRow(
    BotScenario Scenario,
    string Model,
    int K,
    double RelevantAtK,
    double PromotedShare,
    double NewUserPromotedShare,
    double TrainingSeconds,
    int Users,
    int Events);
