using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Grains.State;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Geo;
using Microsoft.Extensions.Options;

namespace LeadRecs.Grains;

public sealed class GeoRegionGrain(
    [PersistentState("region", LeadRecsGrainOptions.StorageName)] IPersistentState<GeoRegionState> state,
    IOptions<LeadRecsGrainOptions> options,
    FeatureOptions features,
    DomainClock time)
    : LazilyPersistedGrain<GeoRegionState>(state, options), IGeoRegionGrain
{
    public const int TopLeadsReported = 50;

    private bool _trendingDue;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(ReportTrendingIfDueAsync, new GrainTimerCreationOptions
        {
            DueTime = Options.ReportInterval,
            Period = Options.ReportInterval,
            KeepAlive = false,
        });
        return base.OnActivateAsync(cancellationToken);
    }

    public Task ReportCellAsync(CellStats stats, IReadOnlyList<CandidateLead> topLeads)
    {
        var s = Persisted.State;
        if (stats.Supply == 0 && stats.Demand < 1e-6)
        {
            s.Cells.Remove(stats.CellId);
            s.TopLeads.Remove(stats.CellId);
        }
        else
        {
            s.Cells[stats.CellId] = stats;
            s.TopLeads[stats.CellId] = [.. topLeads];
        }
        _trendingDue = true;
        MarkDirty();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CellStats>> GetCellsAsync(double minLat, double minLon, double maxLat, double maxLon)
    {
        var box = new GeoBox(minLat, minLon, maxLat, maxLon);
        var now = time.GetUtcNow();
        IReadOnlyList<CellStats> cells = Persisted.State.Cells.Values
            .Where(c => box.Intersects(GeoCell.Parse(c.CellId)))
            .Select(c => AsOf(c, now))
            .ToArray();
        return Task.FromResult(cells);
    }

    /// <summary>Demand keeps decaying after a cell last reported; report it as of now.</summary>
    private CellStats AsOf(CellStats stats, DateTimeOffset now)
    {
        var demand = new Decayed(stats.Demand, stats.AsOf).ValueAt(now, features.PopularityHalfLife);
        return stats with { Demand = demand, Score = demand / (1.0 + stats.Supply), AsOf = now };
    }

    private async Task ReportTrendingIfDueAsync(CancellationToken cancellationToken)
    {
        if (!_trendingDue)
        {
            return;
        }
        _trendingDue = false;
        var now = time.GetUtcNow();
        var top = Persisted.State.TopLeads.Values
            .SelectMany(l => l)
            .OrderByDescending(l => new Decayed(l.Popularity, l.PopularityAsOf).ValueAt(now, features.PopularityHalfLife))
            .ThenBy(l => l.Lead.Id, StringComparer.Ordinal)
            .Take(TopLeadsReported)
            .ToArray();
        await GrainFactory.GetGrain<ITrendingGrain>(GeoRegions.TrendingKey)
            .ReportRegionAsync(this.GetPrimaryKeyString(), top);
    }
}
