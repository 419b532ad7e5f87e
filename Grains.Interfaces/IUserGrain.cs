using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.Grains.Interfaces;

/// <summary>
/// One user (keyed by user id): behavioural features built from their interactions and a cached ranked list
/// that goes stale as soon as behaviour changes.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>
    /// Updates the features with interactions already durable in the log. The grain's own state is written behind (every
    /// flush interval and on deactivation): a grain that starts without it replays its user's log rows.
    /// </summary>
    Task RecordInteractionsAsync(IReadOnlyList<UserInteraction> interactions);

    /// <summary>The top <paramref name="k"/> leads, from the cached ranking when it is still fresh.</summary>
    Task<Recommendations> GetRecommendationsAsync(int k);

    Task<UserSummary> GetSummaryAsync();
}
