using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace LeadRecs.Grains;

/// <summary>
/// Keeps a local copy of the trending list on each silo so that cold-start ranking does not make the single
/// trending grain a hot spot. The copy is at most one report interval old (wall-clock time, not domain time).
/// </summary>
[StatelessWorker]
public sealed class TrendingReaderGrain(IOptions<LeadRecsGrainOptions> options, TimeProvider time) : Grain, ITrendingReaderGrain
{
    private const int FetchSize = 200;

    private IReadOnlyList<CandidateLead> _top = [];
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    public async Task<IReadOnlyList<CandidateLead>> GetTopAsync(int max)
    {
        var now = time.GetUtcNow();
        if (now - _fetchedAt >= options.Value.ReportInterval || _top.Count == 0 && now - _fetchedAt >= TimeSpan.FromMilliseconds(200))
        {
            _top = await GrainFactory.GetGrain<ITrendingGrain>(GeoRegions.TrendingKey).GetTopAsync(FetchSize);
            _fetchedAt = now;
        }
        return _top.Count <= max ? _top : _top.Take(max).ToArray();
    }
}
