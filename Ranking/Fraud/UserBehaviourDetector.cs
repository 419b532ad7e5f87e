using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Fraud;

/// <summary>
/// The per-user rules of the fraud filter over one user's recent events: bursts beyond human rates, inhumanly
/// regular intervals, hammering one lead, inquiry floods, and repeated lockstep hits (which the caller learns from
/// a <see cref="LockstepDetector"/>). A detection puts the user in quarantine: every event of theirs is flagged for
/// <see cref="FraudOptions.Quarantine"/> after it, with every reason found so far, and the events of
/// <see cref="FraudOptions.RetroactiveWindow"/> before it are flagged retroactively. Pure and single-threaded; the
/// memory is bounded by <see cref="FraudOptions.MaxTrackedEventsPerUser"/>.
/// </summary>
public sealed class UserBehaviourDetector(FraudOptions options)
{
    private static readonly Func<Entry, long> TicksOf = e => e.Ticks;

    private readonly List<Entry> _events = [];
    private readonly List<Entry> _lockstepHits = [];
    private readonly List<RetroactiveFlag> _retroactive = [];
    private readonly HashSet<string> _leads = new(StringComparer.Ordinal);
    private long _latest = long.MinValue;
    private long _quarantineFrom = long.MaxValue;
    private long _quarantineUntil = long.MinValue;

    /// <summary>Every reason this user was ever flagged for.</summary>
    public InteractionFlags Reasons { get; private set; }

    /// <summary>The event time of the first detection; null while the user has never been flagged.</summary>
    public DateTimeOffset? FirstFlaggedAt { get; private set; }

    /// <summary>The event time of the latest detection.</summary>
    public DateTimeOffset? LastFlaggedAt { get; private set; }

    public long ScreenedEvents { get; private set; }

    /// <summary>Events held for the windows (bounded).</summary>
    internal int TrackedEvents => _events.Count;

    /// <summary>Events flagged when screened or retroactively.</summary>
    public long FlaggedEvents { get; private set; }

    /// <summary>The most distinct leads with lockstep hits this user had within one hit window (how close to the rule).</summary>
    public int MostLockstepLeads { get; private set; }

    /// <summary>The reasons and quarantine, to keep across unloads.</summary>
    public DetectorStatus Status => new(
        Reasons,
        _quarantineUntil == long.MinValue ? null : new DateTimeOffset(_quarantineFrom, TimeSpan.Zero),
        _quarantineUntil == long.MinValue ? null : new DateTimeOffset(_quarantineUntil, TimeSpan.Zero),
        FirstFlaggedAt,
        LastFlaggedAt,
        ScreenedEvents,
        FlaggedEvents);

    /// <summary>Takes up a status saved earlier; only a fresh detector may restore one.</summary>
    public void Restore(DetectorStatus status)
    {
        if (_events.Count > 0)
        {
            throw new InvalidOperationException("A detector that has screened events cannot restore a saved status.");
        }
        Reasons = status.Reasons;
        if (status.QuarantineFrom is { } from && status.QuarantineUntil is { } until)
        {
            _quarantineFrom = from.UtcTicks;
            _quarantineUntil = until.UtcTicks;
        }
        FirstFlaggedAt = status.FirstFlaggedAt;
        LastFlaggedAt = status.LastFlaggedAt;
        ScreenedEvents = status.ScreenedEvents;
        FlaggedEvents = status.FlaggedEvents;
    }

    /// <summary>
    /// Screens a batch of this user's events in time order; the flags come back in input order and include any this
    /// batch's later events set on its earlier ones. Earlier batches' events flagged now come from <see cref="TakeRetroactive"/>.
    /// </summary>
    public InteractionFlags[] ScreenAll(IReadOnlyList<ScreenedEvent> events)
    {
        var entries = new Entry[events.Count];
        var order = Enumerable.Range(0, events.Count).OrderBy(i => events[i].At.UtcTicks).ToArray(); // stable
        foreach (var i in order)
        {
            entries[i] = Record(events[i], inBatch: true);
        }
        foreach (var entry in entries)
        {
            entry.InBatch = false;
        }
        return entries.Select(e => e.Flags).ToArray();
    }

    /// <summary>Records one event and returns its flags (none for behaviour a person shows).</summary>
    public InteractionFlags Screen(ScreenedEvent e) => Record(e, inBatch: false).Flags;

    /// <summary>Events of earlier batches flagged since the last call (to flag in the log and take back out of aggregates).</summary>
    public IReadOnlyList<RetroactiveFlag> TakeRetroactive()
    {
        if (_retroactive.Count == 0)
        {
            return [];
        }
        var taken = _retroactive.ToArray();
        _retroactive.Clear();
        return taken;
    }

    private Entry Record(ScreenedEvent e, bool inBatch)
    {
        var t = e.At.UtcTicks;
        var entry = new Entry(t, e.LeadId, e.Kind, e.EventId) { InBatch = inBatch };
        var index = TimeOrdered.Insert(_events, entry, TicksOf);
        if (e.LockstepHit)
        {
            TimeOrdered.Insert(_lockstepHits, entry, TicksOf);
        }
        _latest = Math.Max(_latest, t);

        var detected = Burst(t) | Regularity(index) | Repetition(entry) | Lockstep(entry);
        if (detected != InteractionFlags.None)
        {
            Reasons |= detected;
            FirstFlaggedAt ??= e.At;
            LastFlaggedAt = LastFlaggedAt is { } last && last > e.At ? last : e.At;
            var newQuarantine = t > _quarantineUntil;
            _quarantineFrom = newQuarantine ? t : Math.Min(_quarantineFrom, t);
            _quarantineUntil = Math.Max(_quarantineUntil, t + options.Quarantine.Ticks);
            if (newQuarantine)
            {
                FlagRunUp(index);
            }
        }
        ScreenedEvents++;
        Flag(entry, detected | (t >= _quarantineFrom && t <= _quarantineUntil ? Reasons : InteractionFlags.None));

        TimeOrdered.Trim(_events, _latest - TimeSpan.TicksPerDay, options.MaxTrackedEventsPerUser, TicksOf);
        TimeOrdered.Trim(_lockstepHits, _latest - options.LockstepHitWindow.Ticks, options.MaxTrackedEventsPerUser, TicksOf);
        return entry;
    }

    private void Flag(Entry entry, InteractionFlags flags)
    {
        if (flags == InteractionFlags.None)
        {
            return;
        }
        if (entry.Flags == InteractionFlags.None)
        {
            FlaggedEvents++;
        }
        entry.Flags |= flags;
    }

    /// <summary>The events before a detection within the retroactive window that passed when they were screened.</summary>
    private void FlagRunUp(int index)
    {
        var from = _events[index].Ticks - options.RetroactiveWindow.Ticks;
        for (var i = index - 1; i >= 0 && _events[i].Ticks > from; i--)
        {
            var earlier = _events[i];
            if (earlier.Flags != InteractionFlags.None)
            {
                continue;
            }
            Flag(earlier, Reasons);
            if (!earlier.InBatch && earlier.EventId is not null)
            {
                _retroactive.Add(new RetroactiveFlag(earlier.EventId, earlier.LeadId, earlier.Kind, new DateTimeOffset(earlier.Ticks, TimeSpan.Zero), Reasons));
            }
        }
    }

    private int CountIn(long fromExclusive, long toInclusive) =>
        TimeOrdered.UpperBound(_events, toInclusive, TicksOf) - TimeOrdered.UpperBound(_events, fromExclusive, TicksOf);

    private InteractionFlags Burst(long t) =>
        TooMany(t, TimeSpan.TicksPerMinute, options.MaxEventsPerMinute)
        || TooMany(t, TimeSpan.TicksPerHour, options.MaxEventsPerHour)
        || TooMany(t, TimeSpan.TicksPerDay, options.MaxEventsPerDay)
            ? InteractionFlags.Burst
            : InteractionFlags.None;

    /// <summary>
    /// Whether a window of <paramref name="window"/> ticks holding the event at <paramref name="t"/> holds too many: the
    /// one ending at it, and for an event that arrived late, the one ending at the latest event within reach after it.
    /// </summary>
    private bool TooMany(long t, long window, int max)
    {
        if (CountIn(t - window, t) > max)
        {
            return true;
        }
        var after = TimeOrdered.UpperBound(_events, t + window - 1, TicksOf) - 1;
        var end = _events[after].Ticks;
        return end > t && CountIn(end - window, end) > max;
    }

    /// <summary>
    /// The last gaps up to this event, all within one session: a coefficient of variation below the threshold is a
    /// timer, not a person (a person's gaps are close to exponential, CV near 1). Gaps under a second on average are
    /// left to the burst rule, so events a client stamped with one time do not count as regular.
    /// </summary>
    private InteractionFlags Regularity(int index)
    {
        var n = options.RegularityGaps;
        if (index < n)
        {
            return InteractionFlags.None;
        }
        var sum = 0.0;
        var sumSquares = 0.0;
        var session = options.SessionGap.Ticks;
        for (var i = index - n + 1; i <= index; i++)
        {
            var gap = _events[i].Ticks - _events[i - 1].Ticks;
            if (gap > session)
            {
                return InteractionFlags.None;
            }
            var seconds = (double)gap / TimeSpan.TicksPerSecond;
            sum += seconds;
            sumSquares += seconds * seconds;
        }
        var mean = sum / n;
        if (mean < 1)
        {
            return InteractionFlags.None;
        }
        var variance = Math.Max(0, sumSquares / n - mean * mean);
        return Math.Sqrt(variance) / mean < options.MaxRegularityCv ? InteractionFlags.RegularIntervals : InteractionFlags.None;
    }

    /// <summary>The same lead, or inquiries, too often within the last hour or day up to this event.</summary>
    private InteractionFlags Repetition(Entry entry)
    {
        var t = entry.Ticks;
        var from = TimeOrdered.UpperBound(_events, t - TimeSpan.TicksPerDay, TicksOf);
        var to = TimeOrdered.UpperBound(_events, t, TicksOf);
        var isInquiry = entry.Kind == InteractionKind.Inquiry;
        var least = Math.Min(
            Math.Min(options.MaxSameLeadPerHour, options.MaxSameLeadPerDay),
            isInquiry ? Math.Min(options.MaxInquiriesPerHour, options.MaxInquiriesPerDay) : int.MaxValue);
        if (to - from <= least)
        {
            return InteractionFlags.None; // too few events in the day for either rule
        }
        var hourStart = t - TimeSpan.TicksPerHour;
        int sameDay = 0, sameHour = 0, inquiriesDay = 0, inquiriesHour = 0;
        for (var i = from; i < to; i++)
        {
            var other = _events[i];
            var inHour = other.Ticks > hourStart;
            if (string.Equals(other.LeadId, entry.LeadId, StringComparison.Ordinal))
            {
                sameDay++;
                sameHour += inHour ? 1 : 0;
            }
            if (isInquiry && other.Kind == InteractionKind.Inquiry)
            {
                inquiriesDay++;
                inquiriesHour += inHour ? 1 : 0;
            }
        }
        var flags = InteractionFlags.None;
        if (sameHour > options.MaxSameLeadPerHour || sameDay > options.MaxSameLeadPerDay)
        {
            flags |= InteractionFlags.Hammering;
        }
        if (inquiriesHour > options.MaxInquiriesPerHour || inquiriesDay > options.MaxInquiriesPerDay)
        {
            flags |= InteractionFlags.InquiryFlood;
        }
        return flags;
    }

    /// <summary>Lockstep hits on distinct leads within the hit window up to this event.</summary>
    private InteractionFlags Lockstep(Entry entry)
    {
        var t = entry.Ticks;
        var from = TimeOrdered.UpperBound(_lockstepHits, t - options.LockstepHitWindow.Ticks, TicksOf);
        var to = TimeOrdered.UpperBound(_lockstepHits, t, TicksOf);
        if (to == from)
        {
            return InteractionFlags.None;
        }
        _leads.Clear();
        for (var i = from; i < to; i++)
        {
            _leads.Add(_lockstepHits[i].LeadId);
        }
        MostLockstepLeads = Math.Max(MostLockstepLeads, _leads.Count);
        return _leads.Count >= options.LockstepHitsToFlag ? InteractionFlags.Lockstep : InteractionFlags.None;
    }

    private sealed class Entry(long ticks, string leadId, InteractionKind kind, string? eventId)
    {
        public long Ticks { get; } = ticks;
        public string LeadId { get; } = leadId;
        public InteractionKind Kind { get; } = kind;
        public string? EventId { get; } = eventId;
        public InteractionFlags Flags { get; set; }

        /// <summary>Part of the batch being screened: its flags go back with the batch, not as a retroactive flag.</summary>
        public bool InBatch { get; set; }
    }
}
