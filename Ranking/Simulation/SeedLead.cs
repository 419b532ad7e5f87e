using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Simulation;

/// <summary>A lead from a source (kc-house or the synthetic city) before it is placed on the simulated calendar.</summary>
/// <param name="DaysOnMarket">How long this listing typically stays up; sets its age at the start.</param>
internal readonly record struct SeedLead(Lead Lead, double DaysOnMarket);
