using LeadRecs.Ranking.Domain;

namespace LeadRecs.Storage;

/// <summary>What an append did.</summary>
/// <param name="Added">The interactions of the batch that were new to the log, in input order.</param>
/// <param name="Positions">The log position of every interaction of the batch, in input order: where it was stored now,
/// or where the log already had it (a retry, or a repeat within the batch).</param>
public sealed record AppendResult(IReadOnlyList<Interaction> Added, IReadOnlyList<long> Positions);
