namespace LeadRecs.Grains.Caching;

/// <summary>
/// Skips a dependency that keeps failing: after <see cref="FailureThreshold"/> failures in a row it opens, and calls are
/// not made for <see cref="OpenFor"/>; then one call at a time is let through as a probe, which closes it on success or
/// opens it again on failure. A cache behind it costs a miss while it is open instead of a timeout per request.
/// </summary>
public sealed class CircuitBreaker(TimeProvider time, int failureThreshold = 3, TimeSpan? openFor = null)
{
    private readonly Lock _gate = new();
    private int _failures;
    private DateTimeOffset? _openUntil;
    private bool _probing;

    public int FailureThreshold { get; } = failureThreshold;

    public TimeSpan OpenFor { get; } = openFor ?? TimeSpan.FromSeconds(5);

    /// <summary>True while calls are skipped (a probe may be under way).</summary>
    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _openUntil is not null;
            }
        }
    }

    /// <summary>Whether to make the call now; a caller told yes must report its outcome.</summary>
    public bool TryEnter()
    {
        lock (_gate)
        {
            if (_openUntil is not { } until)
            {
                return true;
            }
            if (_probing || time.GetUtcNow() < until)
            {
                return false;
            }
            _probing = true;
            return true;
        }
    }

    /// <returns>True when this success closed the breaker.</returns>
    public bool OnSuccess()
    {
        lock (_gate)
        {
            var wasOpen = _openUntil is not null;
            _failures = 0;
            _openUntil = null;
            _probing = false;
            return wasOpen;
        }
    }

    /// <summary>A call that entered ended without telling anything (its caller gave up): a probe may be made again.</summary>
    public void Abandon()
    {
        lock (_gate)
        {
            _probing = false;
        }
    }

    /// <returns>True when this failure opened the breaker (not when a probe failed and it stays open).</returns>
    public bool OnFailure()
    {
        lock (_gate)
        {
            _failures++;
            if (_openUntil is not null)
            {
                // A failed probe, or a call that entered before the breaker opened: wait a full period again.
                _probing = false;
                _openUntil = time.GetUtcNow() + OpenFor;
                return false;
            }
            if (_failures < FailureThreshold)
            {
                return false;
            }
            _openUntil = time.GetUtcNow() + OpenFor;
            return true;
        }
    }
}
