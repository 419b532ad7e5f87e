using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Grains.State;
using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Features;
using LeadRecs.Grains.Hosting;
using InteractionKind = LeadRecs.Ranking.Domain.InteractionKind;
using LeadKind = LeadRecs.Ranking.Domain.LeadKind;

namespace LeadRecs.UnitTests.Grains;

/// <summary>Grain state goes through <see cref="GrainStateSerializer"/> (ADO.NET and memory storage alike).</summary>
public sealed class GrainStateSerializationTests
{
    private static readonly GrainStateSerializer Serializer = GrainStateSerializer.Instance;

    private static T RoundTrip<T>(T state) => Serializer.Deserialize<T>(Serializer.Serialize(state))!;

    [Fact]
    public void User_state_round_trips()
    {
        var at = new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);
        var state = new UserGrainState();
        state.Features.Apply(new LeadFacts("l1", 47.6, -122.3, 500_000, LeadKind.Condo, 2, "13/1312/2860"), InteractionKind.Click, at, FeatureOptions.Default);
        state.Features.Apply(new LeadFacts("l2", 47.7, -122.2, 700_000, LeadKind.House, null, "13/1313/2859"), InteractionKind.View, at.AddHours(1), FeatureOptions.Default);

        var copy = RoundTrip(state);

        var expected = state.Features.ToProfile("u", at.AddDays(1), FeatureOptions.Default);
        var actual = copy.Features.ToProfile("u", at.AddDays(1), FeatureOptions.Default);
        Assert.Equal(expected.KindShare, actual.KindShare);
        Assert.Equal(expected.PriceBandShare, actual.PriceBandShare);
        Assert.Equal(expected.TopCells, actual.TopCells);
        Assert.Equal(expected.Centre, actual.Centre);
        Assert.Equal(expected.LogPrice, actual.LogPrice);
        Assert.Equal(expected.RecentLeads, actual.RecentLeads);
        Assert.Equal(state.Features.Version, copy.Features.Version);
        Assert.Equal(state.Features.LastActivity, copy.Features.LastActivity);
        // What the ranking model reads besides the shares: the engaged centroid and leads, spreads and funnel counts.
        Assert.Equal(expected.Engaged, actual.Engaged);
        Assert.Equal(expected.Overall, actual.Overall);
        Assert.Equal(expected.EngagedLeads, actual.EngagedLeads);
        Assert.Single(actual.EngagedLeads!);
        Assert.Equal(expected.ViewedLeads, actual.ViewedLeads);
        Assert.Equal(2, actual.ViewedLeads!.Count);
        Assert.Equal(expected.DecayedClicks, actual.DecayedClicks);
    }

    [Fact]
    public void Lead_and_cell_state_round_trip()
    {
        var lead = new LeadInfo("l1", 47.6, -122.3, 500_000, LeadRecs.Grains.Interfaces.Messages.LeadKind.Condo, 2, 80, DateTimeOffset.UnixEpoch, LeadRecs.Grains.Interfaces.Messages.LeadStatus.Active);
        var leadState = new LeadGrainState { Lead = lead, CellId = "13/1/1", Popularity = new Decayed(3, DateTimeOffset.UnixEpoch), Views = 4 };
        var leadCopy = RoundTrip(leadState);
        Assert.Equal(lead, leadCopy.Lead);
        Assert.Equal(leadState.Popularity, leadCopy.Popularity);
        Assert.Equal(4, leadCopy.Views);

        var cell = new GeoCellState { Demand = new Decayed(2, DateTimeOffset.UnixEpoch) };
        cell.Leads["l1"] = new CellLead { Lead = lead, Popularity = new Decayed(1, DateTimeOffset.UnixEpoch) };
        cell.Market.Add(new MarketObservation("13/1/1", new DateOnly(2026, 1, 1), 1, null, 3, null));
        var cellCopy = RoundTrip(cell);
        Assert.Equal(lead, cellCopy.Leads["l1"].Lead);
        Assert.Equal(cell.Market, cellCopy.Market);
        Assert.Equal(cell.Demand, cellCopy.Demand);
    }

    [Fact]
    public void Lead_and_cell_state_keep_their_log_position_and_demand_by_lead()
    {
        var leadState = new LeadGrainState { CellId = "13/1/1" };
        leadState.Log.AdvanceTo(41);
        leadState.Log.Add(45);
        var leadCopy = RoundTrip(leadState);
        Assert.Equal(41, leadCopy.Log.Position);
        Assert.True(leadCopy.Log.Covers(45));
        Assert.False(leadCopy.Log.Covers(44));

        var cell = new GeoCellState { Complete = true };
        cell.DemandByLead["l1"] = new Decayed(2.5, DateTimeOffset.UnixEpoch);
        var cellCopy = RoundTrip(cell);
        Assert.True(cellCopy.Complete);
        Assert.Equal(cell.DemandByLead, cellCopy.DemandByLead);
    }

    [Fact]
    public void Lead_and_cell_states_stored_before_positions_and_demand_by_lead_still_load()
    {
        // As the previous version wrote them: no log position, no demand by lead, no completeness.
        var lead = Serializer.Deserialize<LeadGrainState>(BinaryData.FromString(
            """{"lead":null,"cellId":"13/1/1","popularity":{"value":3,"asOf":"2026-01-01T00:00:00+00:00"},"views":4,"clicks":1,"inquiries":0,"appliedEvents":{"ids":["e1"]},"retractedEvents":{"ids":[]}}"""))!;
        Assert.Equal(4, lead.Views);
        Assert.Null(lead.Log.Position); // what makes the grain rebuild it from the whole log once
        Assert.True(lead.AppliedEvents.Contains("e1"));

        var cell = Serializer.Deserialize<GeoCellState>(BinaryData.FromString(
            """{"leads":{},"demand":{"value":2,"asOf":"2026-01-01T00:00:00+00:00"},"market":[]}"""))!;
        Assert.Empty(cell.DemandByLead);
        Assert.False(cell.Complete); // what makes the cell ask its leads
    }

    [Fact]
    public void Stored_state_is_plain_json_without_type_names()
    {
        var text = Serializer.Serialize(new LeadGrainState { CellId = "13/1/1" }).ToString();
        Assert.DoesNotContain("$type", text);
        Assert.Contains("\"cellId\":\"13/1/1\"", text);
    }
}
