using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Fraud;

/// <summary>
/// The whole filter in one process, for offline use (the simulator's evaluation, replaying a log): the same two
/// stages the service runs in grains, a <see cref="LockstepDetector"/> per client and then a
/// <see cref="UserBehaviourDetector"/> per user over that user's events in time order. Not thread-safe.
/// </summary>
public sealed class FraudScreen(FraudOptions options)
{
    private readonly Dictionary<string, LockstepDetector> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserBehaviourDetector> _users = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, UserBehaviourDetector> Users => _users;

    /// <summary>
    /// Screens one request's batch from <paramref name="clientId"/>; flags in input order. Events of earlier batches
    /// that this batch got flagged are added to <paramref name="retroactive"/> when given.
    /// </summary>
    public InteractionFlags[] Screen(IReadOnlyList<Interaction> batch, string clientId, List<RetroactiveFlag>? retroactive = null)
    {
        var flags = new InteractionFlags[batch.Count];
        if (!options.Enabled || batch.Count == 0)
        {
            return flags;
        }
        if (!_clients.TryGetValue(clientId, out var lockstep))
        {
            _clients[clientId] = lockstep = new LockstepDetector(options);
        }
        var hits = new bool[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            hits[i] = lockstep.Observe(batch[i].LeadId, batch[i].UserId, batch[i].At);
        }

        foreach (var user in Enumerable.Range(0, batch.Count).GroupBy(i => batch[i].UserId, StringComparer.Ordinal))
        {
            if (!_users.TryGetValue(user.Key, out var detector))
            {
                _users[user.Key] = detector = new UserBehaviourDetector(options);
            }
            var indices = user.ToArray();
            var verdicts = detector.ScreenAll(indices
                .Select(i => new ScreenedEvent(batch[i].LeadId, batch[i].Kind, batch[i].At, batch[i].EventId, hits[i]))
                .ToArray());
            for (var j = 0; j < indices.Length; j++)
            {
                flags[indices[j]] = verdicts[j];
            }
            var late = detector.TakeRetroactive();
            retroactive?.AddRange(late);
        }
        return flags;
    }
}
