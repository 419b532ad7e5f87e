namespace LeadRecs.Grains.Interfaces.Fraud;

/// <summary>
/// Lockstep detection for one client over a shard of leads (key "clientId|shard"): which touches are part of a
/// synchronised group of that client's users on one lead. State in memory only: one hour of touches.
/// </summary>
public interface ILockstepGrain : IGrainWithStringKey
{
    /// <returns>For each touch, in input order, whether it is a lockstep hit.</returns>
    Task<IReadOnlyList<bool>> ObserveAsync(IReadOnlyList<LockstepTouch> touches);
}
