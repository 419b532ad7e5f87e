using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Fraud;

namespace LeadRecs.UnitTests.Fraud;

/// <summary>The per-user rules on hand-built sequences: what a person does passes, each bot pattern is caught.</summary>
public sealed class UserBehaviourDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly FraudOptions Options = new();

    private static ScreenedEvent View(string lead, double seconds, string? id = null) =>
        new(lead, InteractionKind.View, T0.AddSeconds(seconds), id);

    /// <summary>Fast but irregular, as a scraper's requests: 1.5 s apart on average.</summary>
    private static double Fast(int i) => i * 1.5 + i * 7 % 5 * 0.3;

    private static ScreenedEvent Inquiry(string lead, double seconds) => new(lead, InteractionKind.Inquiry, T0.AddSeconds(seconds));

    /// <summary>A person's gaps: between 20 s and a few minutes, irregular (a fixed pseudo-random sequence).</summary>
    private static double[] HumanTimes(int count, double start = 0)
    {
        var times = new double[count];
        var t = start;
        for (var i = 0; i < count; i++)
        {
            t += 20 + (i * 7919 % 113) * 1.7;
            times[i] = t;
        }
        return times;
    }

    [Fact]
    public void A_person_browsing_a_day_is_never_flagged()
    {
        var detector = new UserBehaviourDetector(Options);
        var times = HumanTimes(150);
        var flags = times.Select((t, i) => detector.Screen(i % 9 == 0
            ? new ScreenedEvent($"lead-{i / 3}", InteractionKind.Click, T0.AddSeconds(t))
            : View($"lead-{i / 2}", t))).ToList();

        Assert.All(flags, f => Assert.Equal(InteractionFlags.None, f));
        Assert.Equal(InteractionFlags.None, detector.Reasons);
        Assert.Null(detector.FirstFlaggedAt);
        Assert.Empty(detector.TakeRetroactive());
    }

    [Fact]
    public void More_than_thirty_events_in_a_minute_is_a_burst()
    {
        var detector = new UserBehaviourDetector(Options);
        var flags = Enumerable.Range(0, 31).Select(i => detector.Screen(View($"lead-{i}", Fast(i)))).ToList();

        Assert.All(flags.Take(30), f => Assert.Equal(InteractionFlags.None, f));
        Assert.Equal(InteractionFlags.Burst, flags[30]);
        Assert.Equal(InteractionFlags.Burst, detector.Reasons);
    }

    [Fact]
    public void A_burst_flags_its_run_up_retroactively_or_within_the_batch()
    {
        var detector = new UserBehaviourDetector(Options);
        var earlier = Enumerable.Range(0, 20).Select(i => View($"lead-{i}", Fast(i), $"e{i}")).ToArray();
        Assert.All(detector.ScreenAll(earlier), f => Assert.Equal(InteractionFlags.None, f));

        var later = Enumerable.Range(20, 15).Select(i => View($"lead-{i}", Fast(i), $"e{i}")).ToArray();
        var flags = detector.ScreenAll(later);

        // The batch that tripped the rule comes back flagged whole; the earlier batch's events come back separately.
        Assert.All(flags, f => Assert.Equal(InteractionFlags.Burst, f));
        var retroactive = detector.TakeRetroactive();
        Assert.Equal(earlier.Select(e => e.EventId), retroactive.Select(r => r.EventId).OrderBy(id => int.Parse(id[1..])));
        Assert.All(retroactive, r => Assert.Equal(InteractionFlags.Burst, r.Flags));
        Assert.Empty(detector.TakeRetroactive());
        Assert.Equal(35, detector.FlaggedEvents);
    }

    [Fact]
    public void Events_on_a_timer_are_inhumanly_regular()
    {
        var detector = new UserBehaviourDetector(Options);
        // 45 s ± 1 s: a person's pace, a machine's rhythm.
        var flags = Enumerable.Range(0, 13).Select(i => detector.Screen(View($"lead-{i}", i * 45 + (i % 2 == 0 ? 1 : -1)))).ToList();

        Assert.All(flags.Take(12), f => Assert.Equal(InteractionFlags.None, f));
        Assert.Equal(InteractionFlags.RegularIntervals, flags[12]);
    }

    [Fact]
    public void Jittered_gaps_and_breaks_between_sessions_are_not_regular()
    {
        var jittered = new UserBehaviourDetector(Options);
        // ±40% around 45 s is irregular enough (CV about 0.25).
        var flags = Enumerable.Range(0, 40).Select(i => jittered.Screen(View($"lead-{i}", i * 45 + (i * 7 % 5 - 2) * 9))).ToList();
        Assert.All(flags, f => Assert.Equal(InteractionFlags.None, f));

        // A timer, but a break longer than a session in the window: the rule waits for a full session.
        var split = new UserBehaviourDetector(Options);
        var times = Enumerable.Range(0, 13).Select(i => i * 45.0 + (i >= 6 ? 3600 : 0)).ToArray();
        Assert.All(times.Select((t, i) => split.Screen(View($"lead-{i}", t))), f => Assert.Equal(InteractionFlags.None, f));
    }

    [Fact]
    public void Events_stamped_with_one_time_are_left_to_the_burst_rule()
    {
        var detector = new UserBehaviourDetector(Options);
        // A client that sends a small batch without times gets one server time on all of them: not a timer.
        var flags = Enumerable.Range(0, 20).Select(i => detector.Screen(View($"lead-{i}", 0))).ToList();
        Assert.All(flags, f => Assert.Equal(InteractionFlags.None, f));
    }

    [Fact]
    public void More_than_twenty_hits_on_one_lead_in_an_hour_is_hammering()
    {
        var detector = new UserBehaviourDetector(Options);
        var times = HumanTimes(21);
        var flags = times.Select(t => detector.Screen(View("target", t))).ToList();

        Assert.All(flags.Take(20), f => Assert.Equal(InteractionFlags.None, f));
        Assert.Equal(InteractionFlags.Hammering, flags[20]);
    }

    [Fact]
    public void More_than_fifty_hits_on_one_lead_in_a_day_is_hammering()
    {
        var detector = new UserBehaviourDetector(Options);
        // Every 25 minutes or so (never more than 20 an hour), 51 times within 24 hours.
        var flags = Enumerable.Range(0, 51).Select(i => detector.Screen(View("target", i * 1500 + i % 3 * 300))).ToList();

        Assert.All(flags.Take(50), f => Assert.Equal(InteractionFlags.None, f));
        Assert.Equal(InteractionFlags.Hammering, flags[50]);
    }

    [Fact]
    public void More_than_eight_inquiries_in_an_hour_is_a_flood()
    {
        var detector = new UserBehaviourDetector(Options);
        var flags = Enumerable.Range(0, 9).Select(i => detector.Screen(Inquiry($"lead-{i}", i * 300 + i % 4 * 40))).ToList();

        Assert.All(flags.Take(8), f => Assert.Equal(InteractionFlags.None, f));
        Assert.Equal(InteractionFlags.InquiryFlood, flags[8]);
    }

    [Fact]
    public void Three_lockstep_hits_on_distinct_leads_within_an_hour_is_lockstep()
    {
        var sameLead = new UserBehaviourDetector(Options);
        var repeated = Enumerable.Range(0, 4).Select(i => sameLead.Screen(View("lead", i * 600, null) with { LockstepHit = true })).ToList();
        Assert.All(repeated, f => Assert.Equal(InteractionFlags.None, f));

        var detector = new UserBehaviourDetector(Options);
        var flags = new[]
        {
            detector.Screen(View("a", 0) with { LockstepHit = true }),
            detector.Screen(View("b", 700) with { LockstepHit = true }),
            detector.Screen(View("x", 800)),
            detector.Screen(View("c", 4000) with { LockstepHit = true }), // "a" is out of the hour by now
            detector.Screen(View("d", 4100) with { LockstepHit = true }),
        };
        Assert.Equal([InteractionFlags.None, InteractionFlags.None, InteractionFlags.None, InteractionFlags.None], flags[..4]);
        Assert.Equal(InteractionFlags.Lockstep, flags[4]);
        Assert.Equal(3, detector.MostLockstepLeads);
    }

    [Fact]
    public void A_flagged_user_stays_in_quarantine_for_a_day_then_is_free()
    {
        var detector = new UserBehaviourDetector(Options);
        for (var i = 0; i < 31; i++)
        {
            detector.Screen(View($"lead-{i}", Fast(i)));
        }
        Assert.Equal(InteractionFlags.Burst, detector.Screen(View("calm", 3 * 3600)));
        Assert.Equal(InteractionFlags.Burst, detector.Screen(View("calm", 23 * 3600)));
        Assert.Equal(InteractionFlags.None, detector.Screen(View("calm", 25 * 3600)));
        Assert.Equal(InteractionFlags.Burst, detector.Reasons);
    }

    [Fact]
    public void Late_events_are_judged_in_event_time()
    {
        var detector = new UserBehaviourDetector(Options);
        // Half a burst now, the other half delivered late but stamped inside the same minute.
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(InteractionFlags.None, detector.Screen(View($"a{i}", 30 + Fast(i) / 2)));
        }
        var flags = Enumerable.Range(0, 16).Select(i => detector.Screen(View($"b{i}", Fast(i) / 2))).ToList();
        Assert.Equal(InteractionFlags.Burst, flags[^1]);
    }

    [Fact]
    public void A_restored_status_keeps_the_quarantine()
    {
        var detector = new UserBehaviourDetector(Options);
        for (var i = 0; i < 31; i++)
        {
            detector.Screen(View($"lead-{i}", Fast(i)));
        }
        var restored = new UserBehaviourDetector(Options);
        restored.Restore(detector.Status);

        Assert.Equal(InteractionFlags.Burst, restored.Screen(View("calm", 3600)));
        Assert.Equal(detector.FirstFlaggedAt, restored.FirstFlaggedAt);
        Assert.Throws<InvalidOperationException>(() => restored.Restore(detector.Status));
    }

    [Fact]
    public void Memory_stays_bounded_under_a_flood()
    {
        var options = new FraudOptions { MaxTrackedEventsPerUser = 256 };
        var detector = new UserBehaviourDetector(options);
        for (var i = 0; i < 10_000; i++)
        {
            detector.Screen(View($"lead-{i % 50}", i * 0.5));
        }
        Assert.InRange(detector.TrackedEvents, 1, 256 + 64);
        Assert.Equal(10_000, detector.ScreenedEvents);
    }

    [Fact]
    public void Options_name_the_threshold_that_is_out_of_range()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new FraudOptions { MaxEventsPerMinute = 0 }.Validate());
        Assert.Equal(nameof(FraudOptions.MaxEventsPerMinute), error.ParamName);
        FraudOptions.Default.Validate();
    }
}
