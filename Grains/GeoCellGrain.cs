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
//
// Demand after a crash: the cell's demand is the sum of its leads' popularity, each lead reporting its own (absolute)
// value after every change, instead of every lead adding weights to a running total. Leads rebuild their popularity
// from the interaction log by position (LeadGrain), so the cell has nothing of its own to replay and no event ids or
// positions to keep: a repeated, late or replayed report replaces the lead's value, it cannot count twice. A cell that
// starts from a state not written at its deactivation (its silo died, or it was written by a timer) asks its leads
// once. Summing popularity is also what training computes (PointInTimeMarket adds every interaction's weight to the
// demand of its lead's cell with the same half-life).
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

    /// <summary>Leads asked at once when a cell rebuilds its demand.</summary>
    private const int LeadsAskedAtOnce = 256;

    /// <summary>A lead's share of demand below this, and the lead no longer a candidate here, is forgotten.</summary>
    private const double NegligibleDemand = 1e-6;

    private bool _reportDue;
    private bool _warnedFull;
    private double _marketTrend;
    private IReadOnlyList<CandidateLead>? _rankedLeads;

    private string CellId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!GeoCell.TryParse(CellId, out _))
        {
            throw new InvalidOperationException($"'{CellId}' is not a geo cell id.");
        }
        if (Persisted.State.Complete)
        {
            // Written now: if this activation dies before its own last write, the next one must ask its leads.
            Persisted.State.Complete = false;
            await WriteNowAsync();
        }
        else
        {
            await RebuildDemandAsync();
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

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        ForgetNegligibleDemand();
        Persisted.State.Complete = true;
        MarkDirty();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task UpsertLeadAsync(LeadInfo lead, double popularity, DateTimeOffset popularityAsOf)
    {
        var leads = Persisted.State.Leads;
        var demandChanged = popularity != 0;
        if (demandChanged)
        {
            // A lead that moved here brings its popularity: all its interactions count where it is now, as in training.
            Persisted.State.DemandByLead[lead.Id] = new Decayed(popularity, popularityAsOf);
            _reportDue = true;
        }
        if (lead.Status != LeadStatus.Active)
        {
            if (!leads.Remove(lead.Id))
            {
                if (demandChanged)
                {
                    await WriteNowAsync(); // a lead the cell names for its demand only: as in ReportPopularityAsync
                }
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
        // Non-short-circuiting: both go.
        if (Persisted.State.Leads.Remove(leadId) | Persisted.State.DemandByLead.Remove(leadId))
        {
            await CommitIndexChangeAsync();
        }
    }

    public async Task ReportPopularityAsync(string leadId, double popularity, DateTimeOffset popularityAsOf)
    {
        var s = Persisted.State;
        var value = new Decayed(popularity, popularityAsOf);
        var known = s.DemandByLead.ContainsKey(leadId) || s.Leads.ContainsKey(leadId);
        s.DemandByLead[leadId] = value;
        if (s.Leads.TryGetValue(leadId, out var entry))
        {
            entry.Popularity = value;
        }
        _rankedLeads = null;
        _reportDue = true;
        if (known)
        {
            MarkDirty();
        }
        else
        {
            // A lead the stored state does not name (one no longer a candidate here): written now, once, so that a
            // rebuild after a crash knows to ask it.
            await WriteNowAsync();
        }
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
        var demand = DemandAt(now);
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
        var demand = DemandAt(now);
        var supply = s.Leads.Count;
        var (lat, lon) = GeoCell.Parse(CellId).Center;
        return new CellStats(CellId, lat, lon, demand, supply, demand / (1.0 + supply), now);
    }

    private double DemandAt(DateTimeOffset now)
    {
        var halfLife = features.PopularityHalfLife;
        var demand = 0.0;
        foreach (var share in Persisted.State.DemandByLead.Values)
        {
            demand += share.ValueAt(now, halfLife);
        }
        return demand;
    }

    /// <summary>
    /// Asks every lead the state names for its popularity: what the leads reported after this state's last write is
    /// not in it. A lead that starts for this replays its log rows first, so the answers are what the log says.
    /// </summary>
    private async Task RebuildDemandAsync()
    {
        var s = Persisted.State;
        var ids = s.Leads.Keys.Union(s.DemandByLead.Keys, StringComparer.Ordinal).ToArray();
        if (ids.Length == 0)
        {
            return;
        }
        foreach (var chunk in ids.Chunk(LeadsAskedAtOnce))
        {
            var snapshots = await Task.WhenAll(chunk.Select(id => GrainFactory.GetGrain<ILeadGrain>(id).GetAsync()));
            for (var i = 0; i < chunk.Length; i++)
            {
                if (snapshots[i] is not { } lead || lead.CellId != CellId)
                {
                    s.DemandByLead.Remove(chunk[i]); // moved away, or never upserted
                    continue;
                }
                var value = new Decayed(lead.Popularity, lead.PopularityAsOf);
                s.DemandByLead[chunk[i]] = value;
                if (s.Leads.TryGetValue(chunk[i], out var entry))
                {
                    entry.Popularity = value;
                }
            }
        }
        ForgetNegligibleDemand();
        _rankedLeads = null;
        _reportDue = true;
        MarkDirty();
    }

    private void ForgetNegligibleDemand()
    {
        var s = Persisted.State;
        var now = time.GetUtcNow();
        foreach (var (id, share) in s.DemandByLead.ToArray())
        {
            if (!s.Leads.ContainsKey(id) && share.ValueAt(now, features.PopularityHalfLife) < NegligibleDemand)
            {
                s.DemandByLead.Remove(id);
            }
        }
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
        // Once per activation as a warning: a full cell evicts on every upsert of a lead into it, and a line per
        // request would bury everything else in the log.
        logger.Log(_warnedFull ? LogLevel.Debug : LogLevel.Warning,
            "Cell {CellId} holds more than {Max} active leads; dropped {Count} least popular from its candidates",
            CellId, Options.MaxLeadsPerCell, evicted.Count);
        _warnedFull = true;
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
