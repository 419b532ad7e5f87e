using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Geo;
using static LeadRecs.UnitTests.Scoring.CandidateFactory;

namespace LeadRecs.UnitTests.Scoring;

public sealed class CandidatePlannerTests
{
    [Fact]
    public void Cold_users_have_no_cells_of_their_own()
    {
        Assert.Empty(CandidatePlanner.CellsFor(UserProfile.Cold("u", T0)));
    }

    [Fact]
    public void Active_users_get_their_cells_and_the_neighbours()
    {
        var f = new UserFeatures();
        var home = GeoCell.FromLatLon(47.6, -122.3);
        f.Apply(new LeadFacts("a", 47.6, -122.3, 500_000, LeadKind.House, 3, home.ToString()), InteractionKind.Click, T0, FeatureOptions.Default);
        var cells = CandidatePlanner.CellsFor(f.ToProfile("u", T0, FeatureOptions.Default));
        Assert.Equal(9, cells.Count);
        Assert.Contains(home.ToString(), cells);
        Assert.All(home.Neighbourhood(1), n => Assert.Contains(n.ToString(), cells));
    }

    [Fact]
    public void Cells_are_distinct_when_activity_is_spread()
    {
        var f = new UserFeatures();
        for (var i = 0; i < 5; i++)
        {
            var lat = 47.0 + i * 0.2;
            f.Apply(new LeadFacts($"l{i}", lat, -122.3, 500_000, LeadKind.House, 3, GeoCell.FromLatLon(lat, -122.3).ToString()),
                InteractionKind.View, T0, FeatureOptions.Default);
        }
        var cells = CandidatePlanner.CellsFor(f.ToProfile("u", T0, FeatureOptions.Default));
        Assert.Equal(cells.Count, cells.Distinct().Count());
        Assert.InRange(cells.Count, 9, 9 * (CandidatePlanner.MaxActiveCells + 1));
    }
}
