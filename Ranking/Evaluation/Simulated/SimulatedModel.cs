using LeadRecs.Ranking.Scoring;

namespace LeadRecs.Ranking.Evaluation.Simulated;

/// <summary>One model of the simulated protocol; <paramref name="TrainingSeconds"/> is 0 for those that need no training.</summary>
internal sealed record SimulatedModel(string Name, ILeadScorer Scorer, double TrainingSeconds);
