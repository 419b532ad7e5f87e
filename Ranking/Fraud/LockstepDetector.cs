namespace LeadRecs.Ranking.Fraud;

/// <summary>
/// Finds synchronised groups among the users of one client: an event is a lockstep hit when at least
/// <see cref="FraudOptions.LockstepMinUsers"/> distinct users touched the same lead within
/// ±<see cref="FraudOptions.LockstepWindow"/> of it, and that group is <see cref="FraudOptions.LockstepMinRatio"/>
/// times what the lead's own rate over the last hour would put in such a window (so a lead that is simply busy does
/// not make its visitors suspects). One hit proves nothing; <see cref="UserBehaviourDetector"/> flags a user with
/// several on distinct leads. State is per lead, so a client's detectors may be sharded by lead. Pure, single-threaded,
/// bounded by <see cref="FraudOptions.MaxTrackedTouchesPerLead"/> per lead and one hour of history.
/// </summary>
public sealed class LockstepDetector(FraudOptions options)
{
    private const int SweepEvery = 4096;
    private static readonly Func<Touch, long> TicksOf = t => t.Ticks;

    private readonly Dictionary<string, List<Touch>> _byLead = new(StringComparer.Ordinal);
    private readonly HashSet<string> _group = new(StringComparer.Ordinal);
    private long _latest = long.MinValue;
    private int _sinceSweep;

    public int TrackedLeads => _byLead.Count;

    private long Horizon => TimeSpan.TicksPerHour + options.LockstepWindow.Ticks;

    /// <summary>Records that <paramref name="userId"/> touched <paramref name="leadId"/> at <paramref name="at"/>; true for a lockstep hit.</summary>
    public bool Observe(string leadId, string userId, DateTimeOffset at)
    {
        var t = at.UtcTicks;
        _latest = Math.Max(_latest, t);
        if (!_byLead.TryGetValue(leadId, out var touches))
        {
            _byLead[leadId] = touches = [];
        }
        TimeOrdered.Insert(touches, new Touch(t, userId), TicksOf);
        TimeOrdered.Trim(touches, _latest - Horizon, options.MaxTrackedTouchesPerLead, TicksOf);
        if (++_sinceSweep >= SweepEvery)
        {
            Sweep();
        }

        var window = options.LockstepWindow.Ticks;
        var from = TimeOrdered.LowerBound(touches, t - window, TicksOf);
        var to = TimeOrdered.UpperBound(touches, t + window, TicksOf);
        if (to - from < options.LockstepMinUsers)
        {
            return false;
        }
        _group.Clear();
        for (var i = from; i < to; i++)
        {
            _group.Add(touches[i].UserId);
        }
        if (_group.Count < options.LockstepMinUsers)
        {
            return false;
        }
        var lastHour = to - TimeOrdered.UpperBound(touches, t - TimeSpan.TicksPerHour, TicksOf);
        var expected = lastHour * (2.0 * window) / TimeSpan.TicksPerHour;
        return _group.Count >= options.LockstepMinRatio * expected;
    }

    /// <summary>Forgets leads nobody touched within the horizon.</summary>
    private void Sweep()
    {
        _sinceSweep = 0;
        var cutoff = _latest - Horizon;
        var stale = _byLead.Where(p => p.Value.Count == 0 || p.Value[^1].Ticks <= cutoff).Select(p => p.Key).ToList();
        foreach (var lead in stale)
        {
            _byLead.Remove(lead);
        }
    }

    private readonly record struct Touch(long Ticks, string UserId);
}
