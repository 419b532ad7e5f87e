using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Geo;
using LeadRecs.Ranking.Simulation;
using Xunit;

namespace LeadRecs.UnitTests.Simulation;

public sealed class SimulationFunnelTests(SyntheticMarketFixture fixture) : IClassFixture<SyntheticMarketFixture>
{
    private readonly SimulatedMarket _market = fixture.Market;

    [Fact]
    public void Funnel_NarrowsFromViewsToClicksToInquiries()
    {
        var summary = SimulationSummary.Compute(_market);

        Assert.True(summary.Views > summary.Clicks, $"{summary.Views} views, {summary.Clicks} clicks");
        Assert.True(summary.Clicks > summary.Inquiries, $"{summary.Clicks} clicks, {summary.Inquiries} inquiries");
        Assert.True(summary.Inquiries > 0);
        // About six views per user per day on average, as asked.
        var perUserDay = (double)summary.Views / (_market.Users.Count * _market.Options.Days);
        Assert.InRange(perUserDay, 4.5, 7.5);
    }

    [Fact]
    public void Inquiries_AreFarLikelierOnRelevantLeads()
    {
        var summary = SimulationSummary.Compute(_market);

        Assert.True(
            summary.InquiriesPerViewOfRelevant > 3 * summary.InquiriesPerViewOfIrrelevant,
            $"relevant {summary.InquiriesPerViewOfRelevant:P2} vs other {summary.InquiriesPerViewOfIrrelevant:P2}");
        // Users explore: a real share of views is off-preference, but the deeper the funnel the more relevant it gets.
        Assert.InRange(summary.RelevantShareOfViews, 0.3, 0.75);
        Assert.True(summary.RelevantShareOfClicks > summary.RelevantShareOfViews);
        Assert.True(summary.RelevantShareOfInquiries > summary.RelevantShareOfClicks);
    }

    [Fact]
    public void Events_AreTimeOrderedAndWithinThePeriod()
    {
        var events = _market.Interactions;

        Assert.NotEmpty(events);
        for (var i = 1; i < events.Count; i++)
        {
            Assert.True(events[i - 1].At <= events[i].At, $"event {i} at {events[i].At:O} precedes event {i - 1} at {events[i - 1].At:O}");
        }
        Assert.All(events, e => Assert.InRange(e.At, _market.Start, _market.End.AddTicks(-1)));
        Assert.All(_market.StatusChanges, c => Assert.InRange(c.At, _market.Start, _market.End.AddTicks(-1)));
    }

    [Fact]
    public void Events_ReferenceExistingLeadsAndUsers_AndCarryUniqueIds()
    {
        var leads = _market.Leads.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        var users = _market.Users.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);

        Assert.All(_market.Interactions, e =>
        {
            Assert.Contains(e.LeadId, leads);
            Assert.Contains(e.UserId, users);
        });
        Assert.All(_market.StatusChanges, c => Assert.Contains(c.LeadId, leads));
        Assert.Equal(_market.Interactions.Count, _market.Interactions.Select(e => e.EventId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Enumerable.Range(1, _market.Users.Count).Select(i => $"user-{i}"), _market.Users.Select(u => u.Id));
    }

    [Fact]
    public void Events_OnlyTouchLeadsWhileTheyAreListedAndActive()
    {
        // Replay the status changes alongside the events: nobody browses a lead before it is listed or while it is off the market.
        var listedAt = _market.Leads.ToDictionary(l => l.Id, l => l.ListedAt, StringComparer.Ordinal);
        var status = _market.Leads.ToDictionary(l => l.Id, _ => LeadStatus.Active, StringComparer.Ordinal);
        var changes = _market.StatusChanges;
        var next = 0;
        foreach (var e in _market.Interactions)
        {
            while (next < changes.Count && changes[next].At <= e.At)
            {
                status[changes[next].LeadId] = changes[next].Status;
                next++;
            }
            Assert.True(listedAt[e.LeadId] <= e.At, $"{e.Kind} on {e.LeadId} at {e.At:O} before it was listed at {listedAt[e.LeadId]:O}");
            Assert.True(status[e.LeadId] == LeadStatus.Active, $"{e.Kind} on {e.LeadId} at {e.At:O} while {status[e.LeadId]}");
        }
        Assert.Contains(_market.StatusChanges, c => c.Status == LeadStatus.Pending);
        Assert.Contains(_market.StatusChanges, c => c.Status == LeadStatus.Closed);
    }

    [Fact]
    public void MarketPoints_CoverCellsDailyAndSomeAreasRiseWhileOthersFall()
    {
        var points = _market.MarketPoints;
        var first = DateOnly.FromDateTime(_market.Start.UtcDateTime);
        var last = first.AddDays(_market.Options.Days - 1);

        Assert.All(points, p =>
        {
            Assert.True(GeoCell.TryParse(p.CellId, out var cell) && cell.Zoom == GeoCell.DefaultZoom, p.CellId);
            Assert.InRange(p.Date, first, last);
            Assert.True(p.Inventory >= 0);
        });
        Assert.Equal(_market.Options.Days, points.Select(p => p.Date).Distinct().Count());

        // The value per m² of cells with a steady inventory follows the local trend: both signs must occur.
        var changes = points
            .Where(p => p.PricePerSqm is not null && p.Inventory >= 5)
            .GroupBy(p => p.CellId, StringComparer.Ordinal)
            .Select(g => (First: g.FirstOrDefault(p => p.Date == first), Last: g.FirstOrDefault(p => p.Date == last)))
            .Where(x => x.First is not null && x.Last is not null)
            .Select(x => Math.Log(x.Last!.PricePerSqm!.Value / x.First!.PricePerSqm!.Value))
            .ToList();
        Assert.Contains(changes, c => c > 0.02);
        Assert.Contains(changes, c => c < -0.02);
    }

    [Fact]
    public void Preferences_DriftALittleButStayComparable()
    {
        Assert.All(_market.Users, u =>
        {
            var initial = u.InitialPreference;
            var hidden = u.HiddenPreference;
            Assert.Equal(hidden.Kinds, initial.Kinds);
            Assert.InRange(hidden.MaxPrice / initial.MaxPrice, 0.95, 1.1);
            var shiftKm = GeoDistance.Kilometres(initial.CenterLat, initial.CenterLon, hidden.CenterLat, hidden.CenterLon);
            Assert.True(shiftKm <= 0.31 * hidden.RadiusKm, $"{u.Id} moved {shiftKm:0.00} km with radius {hidden.RadiusKm:0.00} km");
        });
        Assert.Contains(_market.Users, u => u.InitialPreference.MaxPrice != u.HiddenPreference.MaxPrice);
    }
}
