using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.Grains.Interfaces;

/// <summary>
/// Stateless fan-out of interaction batches (key 0): checks that leads exist before a batch is logged, then
/// applies a logged batch to the lead, cell and user grains.
/// </summary>
public interface IInteractionIngestGrain : IGrainWithIntegerKey
{
    /// <summary>The ids among <paramref name="leadIds"/> that name no known lead.</summary>
    Task<IReadOnlyList<string>> FindUnknownLeadsAsync(IReadOnlyList<string> leadIds);

    /// <summary>
    /// Applies interactions that are already durable in the interaction log. Those the fraud filter flagged are skipped:
    /// they count for no popularity, demand or user features.
    /// </summary>
    Task ApplyAsync(IReadOnlyList<InteractionEvent> interactions);

    /// <summary>
    /// Takes interactions applied earlier and flagged since (a bot's run-up) back out of lead popularity and cell demand.
    /// Idempotent; an interaction a lead no longer remembers applying is left alone.
    /// </summary>
    Task RetractAsync(IReadOnlyList<InteractionEvent> interactions);
}
