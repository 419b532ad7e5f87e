using LeadRecs.Ranking.Scoring;

namespace LeadRecs.Grains.Models;

/// <summary>The scorer a user's request is served by, and the experiment variant that chose it.</summary>
public sealed record ModelSelection(ILeadScorer Scorer, string Variant);
