using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Grains.State;
using LeadRecs.Ranking.Features;
using Microsoft.Extensions.Options;

namespace LeadRecs.Grains;

public sealed class TrendingGrain(
    [PersistentState("trending", LeadRecsGrainOptions.StorageName)] IPersistentState<TrendingState> state,
    IOptions<LeadRecsGrainOptions> options,
    FeatureOptions features,
    DomainClock time)
    : LazilyPersistedGrain<TrendingState>(state, options), ITrendingGrain
{
    public const int MaxTracked = 500;

    public Task ReportRegionAsync(string regionId, IReadOnlyList<CandidateLead> topLeads)
    {
        Persisted.State.ByRegion[regionId] = [.. topLeads];
        MarkDirty();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CandidateLead>> GetTopAsync(int max)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<CandidateLead> top = Persisted.State.ByRegion.Values
            .SelectMany(l => l)
            .DistinctBy(l => l.Lead.Id)
            .OrderByDescending(l => new Decayed(l.Popularity, l.PopularityAsOf).ValueAt(now, features.PopularityHalfLife))
            .ThenBy(l => l.Lead.Id, StringComparer.Ordinal)
            .Take(Math.Clamp(max, 0, MaxTracked))
            .ToArray();
        return Task.FromResult(top);
    }
}
