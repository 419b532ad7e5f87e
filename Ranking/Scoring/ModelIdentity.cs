namespace LeadRecs.Ranking.Scoring;

/// <summary>Which model produced a score: reported with every recommendation for attribution.</summary>
public sealed record ModelIdentity(string Name, string Version);
