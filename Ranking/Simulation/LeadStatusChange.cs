using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Simulation;

/// <summary>A lead's status changed at <paramref name="At"/>; replaying these over the listed leads gives the market at any time.</summary>
public sealed record LeadStatusChange(string LeadId, LeadStatus Status, DateTimeOffset At);
