using LeadRecs.Grains.Interfaces.Fraud;
using LeadRecs.Ranking.Fraud;
using Microsoft.Extensions.Options;

namespace LeadRecs.Grains.Fraud;

/// <summary>Hosts a <see cref="LockstepDetector"/> for one client's shard of leads; an hour of touches in memory.</summary>
[CollectionAgeLimit(Minutes = 90)]
public sealed class LockstepGrain(IOptions<FraudOptions> options) : Grain, ILockstepGrain
{
    private readonly LockstepDetector _detector = new(options.Value);

    public Task<IReadOnlyList<bool>> ObserveAsync(IReadOnlyList<LockstepTouch> touches)
    {
        var hits = new bool[touches.Count];
        for (var i = 0; i < touches.Count; i++)
        {
            hits[i] = _detector.Observe(touches[i].LeadId, touches[i].UserId, touches[i].At);
        }
        return Task.FromResult<IReadOnlyList<bool>>(hits);
    }
}
