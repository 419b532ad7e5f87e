namespace LeadRecs.Grains.Interfaces.Fraud;

/// <summary>
/// The users the fraud filter flagged (key "global"), newest first, bounded; fed by <see cref="IUserScreenGrain"/>
/// when a user is flagged for a new reason, read by the admin API.
/// </summary>
public interface IFlaggedUsersGrain : IGrainWithStringKey
{
    public const string Key = "global";

    Task ReportAsync(FlaggedUser user);

    /// <summary>Up to <paramref name="limit"/> users, the most recently flagged first.</summary>
    Task<IReadOnlyList<FlaggedUser>> ListAsync(int limit);
}
