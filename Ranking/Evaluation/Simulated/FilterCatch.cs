namespace LeadRecs.Ranking.Evaluation.Simulated;

/// <summary>Shares of bot events (recall) and of people's events (false positives) the fraud filter flagged.</summary>
public sealed record FilterCatch(double RecallAtIngestion, double RecallInLog, double FalsePositiveRateAtIngestion, double FalsePositiveRateInLog);
