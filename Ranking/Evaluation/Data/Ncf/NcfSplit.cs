using LeadRecs.Ranking.Evaluation.Protocols;

namespace LeadRecs.Ranking.Evaluation.Data.Ncf;

/// <summary>A published leave-one-out split in the NCF layout: training rows, and per test user the held-out item and its negatives.</summary>
public sealed record NcfSplit(InteractionTable Train, IReadOnlyList<LooCase> Cases);
