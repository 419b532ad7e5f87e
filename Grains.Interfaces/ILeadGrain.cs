using LeadRecs.Grains.Interfaces.Messages;
using Orleans.Concurrency;

namespace LeadRecs.Grains.Interfaces;

/// <summary>One lead (keyed by lead id): attributes, status and decayed popularity; keeps its geo cell informed.</summary>
public interface ILeadGrain : IGrainWithStringKey
{
    Task UpsertAsync(LeadInfo lead);

    /// <summary>The lead, or null when it was never upserted.</summary>
    /// <remarks>Interleaves: a read of what the grain holds need not wait for a call that is waiting on the lead's cell.</remarks>
    [AlwaysInterleave]
    Task<LeadSnapshot?> GetAsync();

    /// <summary>Counts interactions towards popularity and the cell's demand; null when the lead is unknown.</summary>
    Task<LeadSnapshot?> RecordInteractionsAsync(IReadOnlyList<InteractionEvent> interactions);

    /// <summary>Takes interactions this lead applied back out of its popularity, funnel counts and its cell's demand (fraud found later).</summary>
    Task RetractInteractionsAsync(IReadOnlyList<InteractionEvent> interactions);
}
