namespace LeadRecs.Ranking.Evaluation.Protocols;

/// <summary>One leave-one-out test: the user's held-out item and the sampled items it must outrank.</summary>
public sealed record LooCase(int User, int HeldOut, int[] Negatives);
