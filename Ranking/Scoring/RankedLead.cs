namespace LeadRecs.Ranking.Scoring;

/// <summary>One entry of a ranked list; rank starts at 1.</summary>
public sealed record RankedLead(string LeadId, int Rank, double Score);
