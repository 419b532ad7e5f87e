using System.Diagnostics.Metrics;
using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.Grains.Fraud;

/// <summary>
/// The fraud filter's counters on the "LeadRecs.Fraud" meter, tagged with the reason (one count per reason an event
/// carries): <c>leadrecs.fraud.screened_events</c>, <c>leadrecs.fraud.flagged_events</c> (tag <c>stage</c>: ingestion or
/// retroactive) and <c>leadrecs.fraud.flagged_users</c> (a user counted once per reason they are first flagged for).
/// </summary>
public sealed class FraudMetrics
{
    public const string MeterName = "LeadRecs.Fraud";

    private static readonly (InteractionFlags Flag, string Tag)[] Reasons =
    [
        (InteractionFlags.Burst, "burst"),
        (InteractionFlags.RegularIntervals, "regular_intervals"),
        (InteractionFlags.Hammering, "hammering"),
        (InteractionFlags.Lockstep, "lockstep"),
        (InteractionFlags.InquiryFlood, "inquiry_flood"),
    ];

    private readonly Counter<long> _screened;
    private readonly Counter<long> _flaggedEvents;
    private readonly Counter<long> _flaggedUsers;

    public FraudMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _screened = meter.CreateCounter<long>("leadrecs.fraud.screened_events", "{event}", "Interactions screened by the fraud filter.");
        _flaggedEvents = meter.CreateCounter<long>("leadrecs.fraud.flagged_events", "{event}", "Interactions flagged, per reason.");
        _flaggedUsers = meter.CreateCounter<long>("leadrecs.fraud.flagged_users", "{user}", "Users flagged for a reason for the first time.");
    }

    public static string Tag(InteractionFlags reason) => Reasons.First(r => r.Flag == reason).Tag;

    public void Screened(int events) => _screened.Add(events);

    public void FlaggedEvent(InteractionFlags flags, bool retroactive)
    {
        foreach (var (flag, tag) in Reasons)
        {
            if ((flags & flag) != 0)
            {
                _flaggedEvents.Add(1, new("reason", tag), new("stage", retroactive ? "retroactive" : "ingestion"));
            }
        }
    }

    public void FlaggedUser(InteractionFlags newReasons)
    {
        foreach (var (flag, tag) in Reasons)
        {
            if ((newReasons & flag) != 0)
            {
                _flaggedUsers.Add(1, new KeyValuePair<string, object?>("reason", tag));
            }
        }
    }
}
