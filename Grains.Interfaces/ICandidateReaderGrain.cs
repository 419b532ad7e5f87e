using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.Grains.Interfaces;

/// <summary>
/// A per-silo, stateless cache of geo cells' candidate lists (key 0). Ranking reads cells through it, so a
/// popular neighbourhood is read from its cell grain about once a second per silo, not once per request.
/// </summary>
public interface ICandidateReaderGrain : IGrainWithIntegerKey
{
    /// <summary>Up to <paramref name="perCell"/> candidates of each cell, most popular first, cells in the given order.</summary>
    Task<IReadOnlyList<CandidateLead>> GetCandidatesAsync(IReadOnlyList<string> cellIds, int perCell);
}
