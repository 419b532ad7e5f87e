using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.Grains.Interfaces;

/// <summary>
/// The cluster-wide list of the most popular leads (key "global"), fed by the regions. Readers go through
/// <see cref="ITrendingReaderGrain"/>, never straight here, so this singleton is not hit on every request.
/// </summary>
public interface ITrendingGrain : IGrainWithStringKey
{
    Task ReportRegionAsync(string regionId, IReadOnlyList<CandidateLead> topLeads);

    Task<IReadOnlyList<CandidateLead>> GetTopAsync(int max);
}
