using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces.Models;
using LeadRecs.Grains.Retraining;

namespace LeadRecs.UnitTests.Retraining;

public sealed class RetrainingStateTests
{
    [Fact]
    public void The_state_round_trips_through_the_grain_state_serializer()
    {
        var at = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var state = new RetrainingState
        {
            Current = new RetrainingRun("20260601120000-3", RetrainingRun.DriftTrigger, "PSI", at, null, RetrainingRun.Running, null, 0, null),
            Recent =
            [
                new RetrainingRun("20260525120000-2", RetrainingRun.ScheduleTrigger, "weekly", at.AddDays(-7), at.AddDays(-7).AddMinutes(3),
                    RetrainingRun.Succeeded, "20260525120000-2", 12_345, null),
                new RetrainingRun("20260518120000-1", RetrainingRun.ManualTrigger, "asked", at.AddDays(-14), at.AddDays(-14).AddSeconds(4),
                    RetrainingRun.Failed, null, 0, "InvalidOperationException: nothing to learn from"),
            ],
            RunCount = 3,
            LastDriftTriggerAt = at,
            ScheduledPeriod = TimeSpan.FromDays(7),
            NextScheduledAt = at.AddDays(7),
        };

        var copy = GrainStateSerializer.Instance.Deserialize<RetrainingState>(GrainStateSerializer.Instance.Serialize(state));

        Assert.Equal(state.Current, copy.Current);
        Assert.Equal(state.Recent, copy.Recent);
        Assert.Equal(3, copy.RunCount);
        Assert.Equal(at, copy.LastDriftTriggerAt);
        Assert.Equal(TimeSpan.FromDays(7), copy.ScheduledPeriod);
        Assert.Equal(at.AddDays(7), copy.NextScheduledAt);
    }
}
