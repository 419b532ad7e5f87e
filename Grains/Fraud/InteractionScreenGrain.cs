using LeadRecs.Grains.Interfaces.Fraud;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Ranking.Fraud;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace LeadRecs.Grains.Fraud;

/// <summary>
/// The service's two stages of <see cref="FraudScreen"/>: the client's lockstep grains (sharded by lead, so one busy
/// client is not one hot grain) mark synchronised touches, then each user's screen judges that user's events.
/// </summary>
// Reentrant for the same reason as InteractionIngestGrain: no state of its own, only waiting on other grains.
[StatelessWorker]
[Reentrant]
public sealed class InteractionScreenGrain(IOptions<FraudOptions> options) : Grain, IInteractionScreenGrain
{
    public const int LockstepShards = 8;

    public async Task<ScreenVerdict> ScreenAsync(IReadOnlyList<InteractionEvent> events, string clientId)
    {
        if (!options.Value.Enabled || events.Count == 0)
        {
            return ScreenVerdict.Clean(events.Count);
        }

        var hits = new bool[events.Count];
        var shards = Enumerable.Range(0, events.Count).GroupBy(i => Shard(events[i].LeadId)).ToArray();
        var observed = await Task.WhenAll(shards.Select(shard => GrainFactory
            .GetGrain<ILockstepGrain>($"{clientId}|{shard.Key}")
            .ObserveAsync(shard.Select(i => new LockstepTouch(events[i].LeadId, events[i].UserId, events[i].At)).ToArray())));
        for (var s = 0; s < shards.Length; s++)
        {
            var indices = shards[s].ToArray();
            for (var j = 0; j < indices.Length; j++)
            {
                hits[indices[j]] = observed[s][j];
            }
        }

        var flags = new InteractionFlags[events.Count];
        var users = Enumerable.Range(0, events.Count).GroupBy(i => events[i].UserId, StringComparer.Ordinal).ToArray();
        var verdicts = await Task.WhenAll(users.Select(user => GrainFactory
            .GetGrain<IUserScreenGrain>(user.Key)
            .ScreenAsync(user.Select(i => new ScreenItem(events[i].LeadId, events[i].Kind, events[i].At, events[i].EventId, hits[i])).ToArray())));
        var retroactive = new List<InteractionEvent>();
        for (var u = 0; u < users.Length; u++)
        {
            var indices = users[u].ToArray();
            for (var j = 0; j < indices.Length; j++)
            {
                flags[indices[j]] = verdicts[u].Flags[j];
            }
            retroactive.AddRange(verdicts[u].Retroactive);
        }
        return new ScreenVerdict(flags, retroactive);
    }

    private static int Shard(string leadId) => (int)(Ranking.Data.StableHash.Fnv1a(leadId) % LockstepShards);
}
