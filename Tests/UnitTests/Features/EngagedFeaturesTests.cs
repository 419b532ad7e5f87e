using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Geo;

namespace LeadRecs.UnitTests.Features;

public sealed class EngagedFeaturesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static LeadFacts Lead(string id, double lat, double price = 500_000, int? beds = 3) =>
        new(id, lat, -122.3, price, LeadKind.House, beds, GeoCell.FromLatLon(lat, -122.3).ToString());

    [Fact]
    public void Only_clicks_and_inquiries_move_the_engaged_centroid()
    {
        var f = new UserFeatures();
        f.Apply(Lead("far", 48.5), InteractionKind.View, T0, FeatureOptions.Default);
        f.Apply(Lead("a", 47.6, 400_000), InteractionKind.Click, T0, FeatureOptions.Default);
        f.Apply(Lead("b", 47.6, 900_000), InteractionKind.Inquiry, T0, FeatureOptions.Default);

        var profile = f.ToProfile("u", T0, FeatureOptions.Default);

        Assert.Equal(47.6, profile.Engaged!.Centre!.Value.Lat, 6);
        Assert.True(profile.Centre!.Value.Lat > 47.6, "views still count in the overall centre");
        Assert.Equal(3 + 8, profile.Engaged.Weight, 9);
        var mean = (3 * Math.Log(400_000) + 8 * Math.Log(900_000)) / 11;
        Assert.Equal(mean, profile.Engaged.LogPrice!.Value, 9);
        var variance = (3 * Math.Pow(Math.Log(400_000) - mean, 2) + 8 * Math.Pow(Math.Log(900_000) - mean, 2)) / 11;
        Assert.Equal(Math.Sqrt(variance), profile.Engaged.LogPriceSpread, 6);
        Assert.Equal(0, profile.Engaged.SpreadKm, 3);
        Assert.True(profile.Overall!.SpreadKm > 20, $"overall spread {profile.Overall.SpreadKm:0.0} km includes the far view");
    }

    [Fact]
    public void Engaged_leads_keep_one_entry_per_lead_the_newest_and_decayed_weights()
    {
        var options = FeatureOptions.Default with { MaxEngagedLeads = 3 };
        var f = new UserFeatures();
        for (var i = 0; i < 5; i++)
        {
            f.Apply(Lead($"l{i}", 47.6 + i * 0.01), InteractionKind.Click, T0.AddHours(i), options);
        }
        f.Apply(Lead("l3", 47.63), InteractionKind.Inquiry, T0.AddDays(14), options);

        Assert.Equal(["l2", "l4", "l3"], f.EngagedLeads.Select(e => e.LeadId));
        var l3 = f.EngagedLeads[^1];
        Assert.Equal(3 * Math.Pow(0.5, (14 * 24 - 3) / (14.0 * 24)) + 8, l3.Weight, 9);
        var profile = f.ToProfile("u", T0.AddDays(28), options);
        Assert.Equal(l3.Weight / 2, profile.EngagedLeads!.Single(p => p.LeadId == "l3").Weight, 9);
        Assert.Equal(Math.Log(500_000), profile.EngagedLeads![0].LogPrice, 9);
    }

    [Fact]
    public void Touched_leads_keep_one_entry_per_lead_the_newest_and_count_every_interaction()
    {
        var options = FeatureOptions.Default with { MaxViewedLeads = 3 };
        var f = new UserFeatures();
        for (var i = 0; i < 5; i++)
        {
            f.Apply(Lead($"l{i}", 47.6 + i * 0.01, 400_000 + i * 1_000), InteractionKind.View, T0.AddHours(i), options);
        }
        f.Apply(Lead("l3", 47.63, 403_000), InteractionKind.Click, T0.AddDays(14), options);

        Assert.Equal(["l2", "l4", "l3"], f.ViewedLeads.Select(v => v.LeadId));
        var l3 = f.ViewedLeads[^1];
        Assert.Equal(Math.Pow(0.5, (14 * 24 - 3) / (14.0 * 24)) + 1, l3.Weight, 9); // a click is one more touch, like a view
        var profile = f.ToProfile("u", T0.AddDays(28), options);
        Assert.Equal(l3.Weight / 2, profile.ViewedLeads!.Single(p => p.LeadId == "l3").Weight, 9);
        Assert.Equal(Math.Log(402_000), profile.ViewedLeads![0].LogPrice, 9);
    }

    [Fact]
    public void A_profile_reports_recency_and_decayed_funnel_counts()
    {
        var f = new UserFeatures();
        f.Apply(Lead("a", 47.6), InteractionKind.View, T0, FeatureOptions.Default);
        f.Apply(Lead("a", 47.6), InteractionKind.Click, T0, FeatureOptions.Default);

        var profile = f.ToProfile("u", T0.AddDays(14), FeatureOptions.Default);

        Assert.Equal(T0, profile.LastActivity);
        Assert.Equal(0.5, profile.DecayedViews, 9);
        Assert.Equal(0.5, profile.DecayedClicks, 9);
        Assert.Equal(0, profile.DecayedInquiries);
    }
}
