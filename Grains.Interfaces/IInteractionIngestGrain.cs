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

    /// <summary>Applies interactions that are already durable in the interaction log.</summary>
    Task ApplyAsync(IReadOnlyList<InteractionEvent> interactions);
}
