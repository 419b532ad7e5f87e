namespace LeadRecs.Ranking.Evaluation.Simulated;

/// <summary>One line of the simulated protocol's table.</summary>
/// <param name="RelevantAtK">Mean share of each user's top k that the hidden preference calls relevant (and is still active).</param>
/// <param name="TrainingSeconds">Building the training set and training; 0 for models that need no training.</param>
public sealed record SimulatedProtocolRow(string Model, int K, double RelevantAtK, double TrainingSeconds, int Users);
