using LeadRecs.Grains.Caching;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using Orleans.Concurrency;

namespace LeadRecs.Grains;

/// <summary>
/// Fans a logged batch out: lead grains first (they know each lead's cell and attributes), then one call per
/// user with everything that user did. Stateless, so every silo runs it locally. Lead and user grains skip
/// event ids they already applied, so a batch may be applied again after a partial failure.
/// </summary>
// Reentrant: it holds no state, and a call spends its time waiting for other grains. Without it a silo runs at
// most one call per core (a stateless worker's default), so every API request queued behind the slowest fan-out.
[StatelessWorker]
[Reentrant]
public sealed class InteractionIngestGrain(KnownLeads known) : Grain, IInteractionIngestGrain
{
    public async Task<IReadOnlyList<string>> FindUnknownLeadsAsync(IReadOnlyList<string> leadIds)
    {
        var asked = leadIds.Distinct(StringComparer.Ordinal).Where(id => !known.Contains(id)).ToArray();
        if (asked.Length == 0)
        {
            return [];
        }
        var snapshots = await Task.WhenAll(asked.Select(id => GrainFactory.GetGrain<ILeadGrain>(id).GetAsync()));
        var unknown = new List<string>();
        for (var i = 0; i < asked.Length; i++)
        {
            if (snapshots[i] is null)
            {
                unknown.Add(asked[i]);
            }
            else
            {
                known.Add(asked[i]);
            }
        }
        return unknown;
    }

    public async Task ApplyAsync(IReadOnlyList<InteractionEvent> interactions)
    {
        interactions = interactions.Where(i => i.Flags == InteractionFlags.None).ToArray();
        var byLead = interactions.GroupBy(i => i.LeadId, StringComparer.Ordinal).ToArray();
        var snapshots = await Task.WhenAll(byLead.Select(g =>
            GrainFactory.GetGrain<ILeadGrain>(g.Key).RecordInteractionsAsync(g.ToArray())));
        var leads = new Dictionary<string, LeadSnapshot>(StringComparer.Ordinal);
        for (var i = 0; i < byLead.Length; i++)
        {
            if (snapshots[i] is { } snapshot)
            {
                leads[byLead[i].Key] = snapshot;
            }
        }

        var byUser = interactions
            .Where(i => leads.ContainsKey(i.LeadId))
            .GroupBy(i => i.UserId, StringComparer.Ordinal);
        await Task.WhenAll(byUser.Select(g =>
        {
            var items = g.Select(i =>
            {
                var lead = leads[i.LeadId];
                return new UserInteraction(lead.Lead, lead.CellId, i.Kind, i.At, i.EventId, i.RecommendationId, i.LogPosition);
            }).ToArray();
            return GrainFactory.GetGrain<IUserGrain>(g.Key).RecordInteractionsAsync(items);
        }));
    }

    public Task RetractAsync(IReadOnlyList<InteractionEvent> interactions) =>
        Task.WhenAll(interactions
            .GroupBy(i => i.LeadId, StringComparer.Ordinal)
            .Select(g => GrainFactory.GetGrain<ILeadGrain>(g.Key).RetractInteractionsAsync(g.ToArray())));
}
