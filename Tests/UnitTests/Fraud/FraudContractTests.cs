using LeadRecs.Grains.Fraud;
using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces.Fraud;
using LeadRecs.Grains.State;
using Contract = LeadRecs.Grains.Interfaces.Messages;
using Domain = LeadRecs.Ranking.Domain;

namespace LeadRecs.UnitTests.Fraud;

/// <summary>The wire flags mirror the ranking library's, and the fraud grains' state survives the JSON grain storage.</summary>
public sealed class FraudContractTests
{
    private static readonly GrainStateSerializer Serializer = GrainStateSerializer.Instance;

    private static T RoundTrip<T>(T state) => Serializer.Deserialize<T>(Serializer.Serialize(state))!;

    [Fact]
    public void Flags_agree_name_for_name_and_value_for_value()
    {
        var contract = Enum.GetValues<Contract.InteractionFlags>().Select(v => (v.ToString(), (short)v));
        var domain = Enum.GetValues<Domain.InteractionFlags>().Select(v => (v.ToString(), (short)v));
        Assert.Equal(domain, contract);
        Assert.Equal(Contract.InteractionFlags.Lockstep | Contract.InteractionFlags.Burst,
            (Domain.InteractionFlags.Lockstep | Domain.InteractionFlags.Burst).ToContract());
    }

    [Fact]
    public void Fraud_grain_state_round_trips()
    {
        var at = new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);
        var screen = new UserScreenState
        {
            Reasons = Domain.InteractionFlags.Burst | Domain.InteractionFlags.Hammering,
            QuarantineFrom = at,
            QuarantineUntil = at.AddDays(1),
            FirstFlaggedAt = at,
            LastFlaggedAt = at.AddHours(1),
            ScreenedEvents = 12,
            FlaggedEvents = 7,
        };
        Assert.Equal(screen.ToStatus(), RoundTrip(screen).ToStatus());

        var users = new FlaggedUsersState();
        users.Users["u1"] = new FlaggedUser("u1", Contract.InteractionFlags.Lockstep | Contract.InteractionFlags.InquiryFlood, at, at.AddMinutes(5), 40, 41);
        Assert.Equal(users.Users["u1"], RoundTrip(users).Users["u1"]);

        var lead = new LeadGrainState();
        lead.AppliedEvents.TryAdd("e1");
        lead.RetractedEvents.TryAdd("e1");
        var copy = RoundTrip(lead);
        Assert.True(copy.RetractedEvents.Contains("e1"));
        Assert.False(copy.RetractedEvents.Contains("e2"));
    }
}
