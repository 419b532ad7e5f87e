namespace LeadRecs.Ranking.Fraud;

/// <summary>
/// Thresholds of the fraud and bot filter, bound from "LeadRecs:Fraud". Each is set well beyond what people do
/// (the simulator's users and the reasoning in <c>Ranking/Fraud/README.md</c>), so a person is flagged only by
/// behaviour no person shows. Windows are judged on event time, not arrival time.
/// </summary>
public sealed class FraudOptions
{
    public const string Section = "LeadRecs:Fraud";

    public static readonly FraudOptions Default = new();

    /// <summary>When false nothing is screened or flagged (load tests that drive synthetic users on purpose).</summary>
    public bool Enabled { get; set; } = true;

    // Bursts: a person reads a listing before opening the next.
    public int MaxEventsPerMinute { get; set; } = 30;
    public int MaxEventsPerHour { get; set; } = 400;
    public int MaxEventsPerDay { get; set; } = 2000;

    // Regularity: the coefficient of variation of the last gaps within a session; a person's is near 1.
    public int RegularityGaps { get; set; } = 12;
    public double MaxRegularityCv { get; set; } = 0.1;
    public TimeSpan SessionGap { get; set; } = TimeSpan.FromMinutes(30);

    // Hammering: the same lead again and again.
    public int MaxSameLeadPerHour { get; set; } = 20;
    public int MaxSameLeadPerDay { get; set; } = 50;

    // Inquiry floods: writing to an agent takes minutes.
    public int MaxInquiriesPerHour { get; set; } = 8;
    public int MaxInquiriesPerDay { get; set; } = 20;

    // Lockstep: at least LockstepMinUsers distinct users of one client on one lead within ±LockstepWindow, and that
    // many times more than the lead's own rate over the last hour would give, is a synchronised hit; a user with
    // LockstepHitsToFlag hits on distinct leads within LockstepHitWindow acts in lockstep.
    public TimeSpan LockstepWindow { get; set; } = TimeSpan.FromSeconds(10);
    public int LockstepMinUsers { get; set; } = 5;
    public double LockstepMinRatio { get; set; } = 5;
    public int LockstepHitsToFlag { get; set; } = 3;
    public TimeSpan LockstepHitWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>After a detection every event of the user is flagged for this long (extended by each new detection).</summary>
    public TimeSpan Quarantine { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// On a user's first detection (and the first of every later quarantine) their events of this long before it are
    /// flagged too: the run-up that tripped the rule was the same bot. Zero turns it off.
    /// </summary>
    public TimeSpan RetroactiveWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Bounds the memory of one user's detector; a user beyond it is far past every daily limit anyway.</summary>
    public int MaxTrackedEventsPerUser { get; set; } = 4096;

    /// <summary>Bounds the touches one lead keeps for lockstep detection.</summary>
    public int MaxTrackedTouchesPerLead { get; set; } = 2048;

    /// <summary>Throws when a threshold is unusable, naming it.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEventsPerMinute, 1, nameof(MaxEventsPerMinute));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEventsPerHour, 1, nameof(MaxEventsPerHour));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEventsPerDay, 1, nameof(MaxEventsPerDay));
        ArgumentOutOfRangeException.ThrowIfLessThan(RegularityGaps, 3, nameof(RegularityGaps));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRegularityCv, nameof(MaxRegularityCv));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SessionGap, TimeSpan.Zero, nameof(SessionGap));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSameLeadPerHour, 1, nameof(MaxSameLeadPerHour));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSameLeadPerDay, 1, nameof(MaxSameLeadPerDay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInquiriesPerHour, 1, nameof(MaxInquiriesPerHour));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInquiriesPerDay, 1, nameof(MaxInquiriesPerDay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LockstepWindow, TimeSpan.Zero, nameof(LockstepWindow));
        ArgumentOutOfRangeException.ThrowIfLessThan(LockstepMinUsers, 2, nameof(LockstepMinUsers));
        ArgumentOutOfRangeException.ThrowIfNegative(LockstepMinRatio, nameof(LockstepMinRatio));
        ArgumentOutOfRangeException.ThrowIfLessThan(LockstepHitsToFlag, 1, nameof(LockstepHitsToFlag));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LockstepHitWindow, TimeSpan.Zero, nameof(LockstepHitWindow));
        ArgumentOutOfRangeException.ThrowIfLessThan(Quarantine, TimeSpan.Zero, nameof(Quarantine));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetroactiveWindow, TimeSpan.Zero, nameof(RetroactiveWindow));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RetroactiveWindow, TimeSpan.FromDays(1), nameof(RetroactiveWindow));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTrackedEventsPerUser, 64, nameof(MaxTrackedEventsPerUser));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTrackedTouchesPerLead, 16, nameof(MaxTrackedTouchesPerLead));
    }
}
