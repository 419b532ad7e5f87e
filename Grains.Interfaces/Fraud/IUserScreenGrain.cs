namespace LeadRecs.Grains.Interfaces.Fraud;

/// <summary>
/// The per-user rules of the fraud filter for one user (keyed by user id): recent events in memory, the quarantine
/// and reasons persisted, so a flagged user stays flagged across deactivations.
/// </summary>
public interface IUserScreenGrain : IGrainWithStringKey
{
    /// <returns>Flags per item in input order, and earlier events of this user flagged now (with this user's id).</returns>
    Task<ScreenVerdict> ScreenAsync(IReadOnlyList<ScreenItem> items);
}
