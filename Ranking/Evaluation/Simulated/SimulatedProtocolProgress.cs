namespace LeadRecs.Ranking.Evaluation.Simulated;

/// <summary>A stage of the simulated protocol and the share of it done.</summary>
public sealed record SimulatedProtocolProgress(string Stage, double Fraction, string Message);
