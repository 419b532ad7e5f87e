using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Geo;

namespace LeadRecs.UnitTests.Features;

public sealed class UserFeaturesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static LeadFacts Lead(string id, double lat, double lon, double price = 500_000, LeadKind kind = LeadKind.House) =>
        new(id, lat, lon, price, kind, 3, GeoCell.FromLatLon(lat, lon).ToString());

    [Fact]
    public void Inquiries_weigh_more_than_views()
    {
        var f = new UserFeatures();
        f.Apply(Lead("a", 47.6, -122.3, kind: LeadKind.Condo), InteractionKind.View, T0, FeatureOptions.Default);
        f.Apply(Lead("a", 47.6, -122.3, kind: LeadKind.Condo), InteractionKind.View, T0, FeatureOptions.Default);
        f.Apply(Lead("b", 47.6, -122.3, kind: LeadKind.House), InteractionKind.Inquiry, T0, FeatureOptions.Default);
        var profile = f.ToProfile("u", T0, FeatureOptions.Default);
        Assert.True(profile.KindShare[(int)LeadKind.House] > profile.KindShare[(int)LeadKind.Condo]);
        Assert.Equal(1.0, profile.KindShare.Sum(), 9);
        Assert.Equal(InteractionKind.Inquiry, profile.RecentLeads["b"]);
        Assert.Equal(InteractionKind.View, profile.RecentLeads["a"]);
        Assert.Equal(3, f.InteractionCount);
        Assert.Equal(3, f.Version);
    }

    [Fact]
    public void Recent_leads_are_bounded_newest_first_and_keep_the_deepest_step()
    {
        var options = FeatureOptions.Default with { MaxRecentLeads = 5 };
        var f = new UserFeatures();
        for (var i = 0; i < 20; i++)
        {
            f.Apply(Lead($"l{i}", 47.6, -122.3), InteractionKind.View, T0.AddMinutes(i), options);
        }
        f.Apply(Lead("l19", 47.6, -122.3), InteractionKind.Click, T0.AddMinutes(30), options);
        f.Apply(Lead("l19", 47.6, -122.3), InteractionKind.View, T0.AddMinutes(31), options);
        Assert.Equal(5, f.Recent.Count);
        Assert.Equal(["l19", "l18", "l17", "l16", "l15"], f.Recent.Select(r => r.LeadId));
        Assert.Equal(InteractionKind.Click, f.Recent[0].DeepestKind);
    }

    [Fact]
    public void Tracked_cells_are_bounded_and_keep_the_strongest()
    {
        var options = FeatureOptions.Default with { MaxTrackedCells = 4 };
        var f = new UserFeatures();
        for (var i = 0; i < 10; i++)
        {
            f.Apply(Lead($"l{i}", 40 + i, -100), InteractionKind.View, T0, options);
        }
        for (var r = 0; r < 3; r++)
        {
            f.Apply(Lead("home", 30, -100), InteractionKind.Inquiry, T0, options);
        }
        Assert.Equal(4, f.ByCell.Count);
        Assert.Contains(GeoCell.FromLatLon(30, -100).ToString(), f.ByCell.Keys);
        var profile = f.ToProfile("u", T0, options);
        Assert.Equal(GeoCell.FromLatLon(30, -100).ToString(), profile.TopCells[0].CellId);
    }

    [Fact]
    public void A_user_with_no_behaviour_is_cold()
    {
        Assert.True(new UserFeatures().ToProfile("u", T0, FeatureOptions.Default).IsCold);
    }

    [Fact]
    public void Preferences_shift_as_old_behaviour_decays()
    {
        var f = new UserFeatures();
        f.Apply(Lead("a", 47.6, -122.3, kind: LeadKind.Condo), InteractionKind.Inquiry, T0, FeatureOptions.Default);
        f.Apply(Lead("b", 47.6, -122.3, kind: LeadKind.House), InteractionKind.Inquiry, T0.AddDays(60), FeatureOptions.Default);
        var profile = f.ToProfile("u", T0.AddDays(60), FeatureOptions.Default);
        Assert.True(profile.KindShare[(int)LeadKind.House] > 0.9);
    }
}
