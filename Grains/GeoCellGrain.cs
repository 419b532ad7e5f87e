using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Grains.State;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Geo;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;

namespace LeadRecs.Grains;

// Random placement: these grains are many and small, so spreading them must not depend on which gateway a
// caller reached. Orleans' default (resource-optimised) prefers the local silo when loads are close, which piles
// every activation onto the silo a client happens to be connected to.
[RandomPlacement]
public sealed class GeoCellGrain(
    [PersistentState("cell", LeadRecsGrainOptions.StorageName)] IPersistentState<GeoCellState> state,
    IOptions<LeadRecsGrainOptions> options,
    FeatureOptions features,
    DomainClock time,
    ILogger<GeoCellGrain> logger)
    : LazilyPersistedGrain<GeoCellState>(state, options), IGeoCellGrain
{
    public const int MaxMarketObservations = 400;
    public const int TopLeadsReported = 10;

    private bool _reportDue;
    private double _marketTrend;
    private IReadOnlyList<CandidateLead>? _rankedLeads;

    private string CellId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!GeoCell.TryParse(CellId, out _))
        {
            throw new InvalidOperationException($"'{CellId}' is not a geo cell id.");
        }
        _marketTrend = ComputeTrend();
        this.RegisterGrainTimer(ReportIfDueAsync, new GrainTimerCreationOptions
        {
            DueTime = Options.ReportInterval,
            Period = Options.ReportInterval,
            KeepAlive = false,
        });
        await base.OnActivateAsync(cancellationToken);
    }

    public async Task UpsertLeadAsync(LeadInfo lead, double popularity, DateTimeOffset popularityAsOf)
    {
        var leads = Persisted.State.Leads;
        if (lead.Status != LeadStatus.Active)
        {
            if (!leads.Remove(lead.Id))
            {
                return;
            }
        }
        else
        {
            leads[lead.Id] = new CellLead { Lead = lead, Popularity = new Decayed(popularity, popularityAsOf) };
            EvictBeyondBound();
        }
        await CommitIndexChangeAsync();
    }

    public async Task RemoveLeadAsync(string leadId)
    {
        if (Persisted.State.Leads.Remove(leadId))
        {
            await CommitIndexChangeAsync();
        }
    }

    public Task RecordDemandAsync(string leadId, double weight, DateTimeOffset at, double popularity, DateTimeOffset popularityAsOf)
    {
        var s = Persisted.State;
        s.Demand = s.Demand.Add(weight, at, features.PopularityHalfLife);
        if (s.Leads.TryGetValue(leadId, out var entry))
        {
            entry.Popularity = new Decayed(popularity, popularityAsOf);
        }
        _rankedLeads = null;
        _reportDue = true;
        MarkDirty();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CandidateLead>> GetCandidatesAsync(int max)
    {
        var ranked = RankedLeads();
        return Task.FromResult<IReadOnlyList<CandidateLead>>(ranked.Count <= max ? ranked : ranked.Take(max).ToArray());
    }

    public Task<CellStats> GetStatsAsync() => Task.FromResult(Stats());

    public async Task AddMarketDataAsync(IReadOnlyList<MarketObservation> observations)
    {
        var market = Persisted.State.Market;
        foreach (var observation in observations)
        {
            // A second observation for the same day replaces the first: the latest report wins.
            market.RemoveAll(m => m.Date == observation.Date);
            market.Add(observation with { CellId = CellId });
        }
        market.Sort((a, b) => a.Date.CompareTo(b.Date));
        if (market.Count > MaxMarketObservations)
        {
            market.RemoveRange(0, market.Count - MaxMarketObservations);
        }
        _marketTrend = ComputeTrend();
        _rankedLeads = null;
        await WriteNowAsync();
    }

    public Task<IReadOnlyList<MarketObservation>> GetMarketDataAsync() =>
        Task.FromResult<IReadOnlyList<MarketObservation>>(Persisted.State.Market.ToArray());

    private async Task CommitIndexChangeAsync()
    {
        _rankedLeads = null;
        await WriteNowAsync();
        await ReportAsync();
    }

    private IReadOnlyList<CandidateLead> RankedLeads()
    {
        if (_rankedLeads is not null)
        {
            return _rankedLeads;
        }
        var s = Persisted.State;
        var now = time.GetUtcNow();
        var demand = s.Demand.ValueAt(now, features.PopularityHalfLife);
        var supply = s.Leads.Count;
        _rankedLeads = s.Leads.Values
            .OrderByDescending(l => l.Popularity.ValueAt(now, features.PopularityHalfLife))
            .ThenBy(l => l.Lead.Id, StringComparer.Ordinal)
            .Select(l => new CandidateLead(l.Lead, CellId, l.Popularity.Value, l.Popularity.AsOf, demand, supply, _marketTrend))
            .ToArray();
        return _rankedLeads;
    }

    private CellStats Stats()
    {
        var s = Persisted.State;
        var now = time.GetUtcNow();
        var demand = s.Demand.ValueAt(now, features.PopularityHalfLife);
        var supply = s.Leads.Count;
        var (lat, lon) = GeoCell.Parse(CellId).Center;
        return new CellStats(CellId, lat, lon, demand, supply, demand / (1.0 + supply), now);
    }

    private double ComputeTrend() =>
        MarketTrend.MonthlyLogSlope(Persisted.State.Market
            .Where(m => m.MedianPrice is not null || m.PricePerSqm is not null)
            .Select(m => (m.Date, m.MedianPrice ?? m.PricePerSqm!.Value)));

    private void EvictBeyondBound()
    {
        var leads = Persisted.State.Leads;
        if (leads.Count <= Options.MaxLeadsPerCell)
        {
            return;
        }
        var now = time.GetUtcNow();
        var evicted = leads.Values
            .OrderBy(l => l.Popularity.ValueAt(now, features.PopularityHalfLife))
            .ThenBy(l => l.Lead.ListedAt)
            .Take(leads.Count - Options.MaxLeadsPerCell)
            .Select(l => l.Lead.Id)
            .ToList();
        foreach (var id in evicted)
        {
            leads.Remove(id);
        }
        logger.LogWarning("Cell {CellId} holds more than {Max} active leads; dropped {Count} least popular from its candidates",
            CellId, Options.MaxLeadsPerCell, evicted.Count);
    }

    private Task ReportIfDueAsync(CancellationToken cancellationToken) => _reportDue ? ReportAsync() : Task.CompletedTask;

    private async Task ReportAsync()
    {
        _reportDue = false;
        var region = GeoCell.Parse(CellId).Parent(GeoRegions.Zoom).ToString();
        var top = RankedLeads().Take(TopLeadsReported).ToArray();
        await GrainFactory.GetGrain<IGeoRegionGrain>(region).ReportCellAsync(Stats(), top);
    }
}
