using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces.Fraud;
using Microsoft.Extensions.Options;

namespace LeadRecs.Grains.Fraud;

/// <summary>
/// The flagged users, bounded to <see cref="Capacity"/> (the least recently flagged drop out). Reports come only when
/// a user is flagged for a new reason or every hundred flagged events, so this is not a hot grain; it is written lazily
/// because the screens re-report whatever a crash loses.
/// </summary>
public sealed class FlaggedUsersGrain(
    [PersistentState("flaggedUsers", LeadRecsGrainOptions.StorageName)] IPersistentState<FlaggedUsersState> state,
    IOptions<LeadRecsGrainOptions> options)
    : LazilyPersistedGrain<FlaggedUsersState>(state, options), IFlaggedUsersGrain
{
    public const int Capacity = 10_000;

    public Task ReportAsync(FlaggedUser user)
    {
        var users = Persisted.State.Users;
        if (users.TryGetValue(user.UserId, out var known))
        {
            user = user with
            {
                Reasons = user.Reasons | known.Reasons,
                FirstFlaggedAt = known.FirstFlaggedAt < user.FirstFlaggedAt ? known.FirstFlaggedAt : user.FirstFlaggedAt,
                LastFlaggedAt = known.LastFlaggedAt > user.LastFlaggedAt ? known.LastFlaggedAt : user.LastFlaggedAt,
                FlaggedEvents = Math.Max(known.FlaggedEvents, user.FlaggedEvents),
                ScreenedEvents = Math.Max(known.ScreenedEvents, user.ScreenedEvents),
            };
        }
        users[user.UserId] = user;
        if (users.Count > Capacity)
        {
            foreach (var stale in users.Values.OrderBy(u => u.LastFlaggedAt).Take(users.Count - Capacity).Select(u => u.UserId).ToList())
            {
                users.Remove(stale);
            }
        }
        MarkDirty();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<FlaggedUser>> ListAsync(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return Task.FromResult<IReadOnlyList<FlaggedUser>>(Persisted.State.Users.Values
            .OrderByDescending(u => u.LastFlaggedAt)
            .ThenBy(u => u.UserId, StringComparer.Ordinal)
            .Take(limit)
            .ToArray());
    }
}
