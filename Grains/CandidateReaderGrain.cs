using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace LeadRecs.Grains;

[StatelessWorker]
public sealed class CandidateReaderGrain(IOptions<LeadRecsGrainOptions> options, TimeProvider time) : Grain, ICandidateReaderGrain
{
    /// <summary>Bounds the cache of one activation; cells beyond it are dropped oldest-fetched first.</summary>
    public const int MaxCachedCells = 4096;

    private readonly Dictionary<string, (IReadOnlyList<CandidateLead> Leads, int Depth, DateTimeOffset FetchedAt)> _cache =
        new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<CandidateLead>> GetCandidatesAsync(IReadOnlyList<string> cellIds, int perCell)
    {
        var now = time.GetUtcNow();
        var ttl = options.Value.CandidateCacheTtl;
        var missing = cellIds
            .Where(id => !_cache.TryGetValue(id, out var hit) || hit.Depth < perCell || now - hit.FetchedAt >= ttl)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (missing.Length > 0)
        {
            var fetched = await Task.WhenAll(missing.Select(id => GrainFactory.GetGrain<IGeoCellGrain>(id).GetCandidatesAsync(perCell)));
            for (var i = 0; i < missing.Length; i++)
            {
                _cache[missing[i]] = (fetched[i], perCell, now);
            }
            Trim();
        }

        var result = new List<CandidateLead>();
        foreach (var id in cellIds)
        {
            var leads = _cache[id].Leads;
            result.AddRange(leads.Count <= perCell ? leads : leads.Take(perCell));
        }
        return result;
    }

    private void Trim()
    {
        if (_cache.Count <= MaxCachedCells)
        {
            return;
        }
        foreach (var stale in _cache.OrderBy(c => c.Value.FetchedAt).Take(_cache.Count - MaxCachedCells).Select(c => c.Key).ToList())
        {
            _cache.Remove(stale);
        }
    }
}
