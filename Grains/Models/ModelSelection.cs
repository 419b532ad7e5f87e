using LeadRecs.Ranking.Scoring;

namespace LeadRecs.Grains.Models;

/// <summary>
/// The scorer a user's request is served by, the experiment variant that chose it, and the experiment
/// (its salt; empty when no experiment runs) the variant belongs to.
/// </summary>
public sealed record ModelSelection(ILeadScorer Scorer, string Variant, string Experiment = "");
