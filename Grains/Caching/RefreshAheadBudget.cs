using LeadRecs.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace LeadRecs.Grains.Caching;

/// <summary>
/// How many rankings a silo may compute ahead per second (<see cref="LeadRecsGrainOptions.RefreshAheadPerSecond"/>):
/// a token bucket one second deep. Refreshing ahead is optional work, so beyond the budget it is skipped rather than
/// queued, and the user's next request computes as it would without it. It keeps a burst of events for many readers
/// (a backlog replayed, a batch import) from taking the cores that requests need.
/// </summary>
public sealed class RefreshAheadBudget(IOptions<LeadRecsGrainOptions> options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private double _tokens = options.Value.RefreshAheadPerSecond;
    private long _refilledAt = time.GetTimestamp();

    public bool TryTake()
    {
        var perSecond = (double)options.Value.RefreshAheadPerSecond;
        lock (_lock)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(perSecond, _tokens + time.GetElapsedTime(_refilledAt, now).TotalSeconds * perSecond);
            _refilledAt = now;
            if (_tokens < 1)
            {
                return false;
            }
            _tokens -= 1;
            return true;
        }
    }
}
