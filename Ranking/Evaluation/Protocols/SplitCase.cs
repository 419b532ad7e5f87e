namespace LeadRecs.Ranking.Evaluation.Protocols;

/// <summary>One full-ranking test: the user's test items that are not in their training history, ascending.</summary>
public sealed record SplitCase(int User, int[] Relevant);
