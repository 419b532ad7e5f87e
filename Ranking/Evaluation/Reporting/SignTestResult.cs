namespace LeadRecs.Ranking.Evaluation.Reporting;

/// <summary>Users on which model A scored above (<see cref="Wins"/>), below and level with model B, and the two-sided p-value.</summary>
public sealed record SignTestResult(int Wins, int Losses, int Ties, double PValue);
