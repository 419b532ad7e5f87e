using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Fraud;

/// <summary>An event screened in an earlier batch and passed then, flagged now that its user was caught.</summary>
public sealed record RetroactiveFlag(string EventId, string LeadId, InteractionKind Kind, DateTimeOffset At, InteractionFlags Flags);
