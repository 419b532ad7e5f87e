namespace LeadRecs.Ranking.Simulation;

/// <summary>A simulated buyer or agent.</summary>
/// <param name="Id">"user-1", "user-2", ...</param>
/// <param name="HiddenPreference">What the user wants at the end of the period: the ground truth of relevance.</param>
/// <param name="InitialPreference">What the user wanted on the first day; tastes drift a little towards the hidden preference.</param>
/// <param name="Activity">Multiplier on the average number of views per day (mean 1 over users).</param>
/// <param name="Exploration">Share of views that ignore the preference: popular or random leads.</param>
public sealed record SimulatedUser(
    string Id,
    HiddenPreference HiddenPreference,
    HiddenPreference InitialPreference,
    double Activity,
    double Exploration);
