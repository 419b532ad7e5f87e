using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.Grains.Interfaces;

/// <summary>A per-silo, stateless cache of the trending list (key 0), refreshed every few seconds.</summary>
public interface ITrendingReaderGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<CandidateLead>> GetTopAsync(int max);
}
