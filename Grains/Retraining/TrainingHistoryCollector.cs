using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Grains.Mapping;
using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Training;
using LeadRecs.Storage;
using DomainLead = LeadRecs.Ranking.Domain.Lead;

namespace LeadRecs.Grains.Retraining;

/// <summary>
/// Builds a run's <see cref="MarketHistory"/>: the window's interactions from the log (fraud-flagged ones left out),
/// and, since the catalog lives in grains, the leads those interactions touched, every active lead of their cells
/// (so supply and sampled negatives see the whole neighbourhood, as serving does) and the cells' market series.
/// Grain calls go out in batches from the calling grain; reading the log runs on the thread pool.
/// </summary>
/// <remarks>
/// Grains keep a lead's current status only, not when it changed, so the history has no status changes: every lead
/// counts as listed from its <see cref="LeadInfo.ListedAt"/> to the end of the window.
/// </remarks>
internal static class TrainingHistoryCollector
{
    public static async Task<MarketHistory> CollectAsync(
        IGrainFactory grains, IInteractionLog log, DateTimeOffset from, DateTimeOffset to, int batchSize, CancellationToken cancellationToken)
    {
        var interactions = await Task.Run(() => log.ReadAsync(from, to, cancellationToken).ToListAsync(cancellationToken).AsTask(), cancellationToken);

        var leads = new Dictionary<string, DomainLead>(StringComparer.Ordinal);
        var cells = new SortedSet<string>(StringComparer.Ordinal);
        var touched = interactions.Select(i => i.LeadId).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in touched.Chunk(batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var snapshots = await Task.WhenAll(chunk.Select(id => grains.GetGrain<ILeadGrain>(id).GetAsync()));
            foreach (var snapshot in snapshots.OfType<LeadSnapshot>())
            {
                leads[snapshot.Lead.Id] = ToDomain(snapshot.Lead);
                cells.Add(snapshot.CellId);
            }
        }

        var points = new List<MarketPoint>();
        foreach (var chunk in cells.Chunk(batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var answers = await Task.WhenAll(chunk.Select(async id =>
            {
                var cell = grains.GetGrain<IGeoCellGrain>(id);
                return (Candidates: await cell.GetCandidatesAsync(int.MaxValue), Market: await cell.GetMarketDataAsync());
            }));
            foreach (var (candidates, market) in answers)
            {
                foreach (var candidate in candidates)
                {
                    leads.TryAdd(candidate.Lead.Id, ToDomain(candidate.Lead));
                }
                points.AddRange(market.Select(m => new MarketPoint(m.CellId, m.Date, m.MedianPrice, m.PricePerSqm, m.Inventory, m.DaysOnMarket)));
            }
        }

        var catalog = leads.Values.OrderBy(l => l.Id, StringComparer.Ordinal).ToList();
        var source = FormattableString.Invariant($"interaction-log:{from:yyyy-MM-ddTHH:mm:ssZ}..{to:yyyy-MM-ddTHH:mm:ssZ}");
        // Market points describe the end of their day: only those known by the end of the window may be used.
        return new MarketHistory(catalog, interactions, points, [], source).Before(to);
    }

    private static DomainLead ToDomain(LeadInfo lead) => new(
        lead.Id, lead.Lat, lead.Lon, lead.Price, lead.Kind.ToDomain(), lead.Bedrooms, lead.AreaSqm, lead.ListedAt, lead.Status.ToDomain());
}
