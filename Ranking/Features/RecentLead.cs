using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Features;

/// <summary>One of the last leads a user touched, with the deepest funnel step reached.</summary>
public sealed record RecentLead(string LeadId, InteractionKind DeepestKind, DateTimeOffset LastAt);
