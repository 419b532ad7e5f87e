using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.Grains.Interfaces.Fraud;

/// <summary>
/// Stateless entry of the fraud and bot filter (key 0): screens a batch before it is logged, first for lockstep
/// across the client's users (<see cref="ILockstepGrain"/>), then per user (<see cref="IUserScreenGrain"/>).
/// Idempotent per event id: screening a retried batch again gives the same flags and counts nothing twice.
/// </summary>
public interface IInteractionScreenGrain : IGrainWithIntegerKey
{
    /// <param name="clientId">Who sent the batch (the API client key's name, or the remote address).</param>
    Task<ScreenVerdict> ScreenAsync(IReadOnlyList<InteractionEvent> events, string clientId);
}
