using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Geo;
using LeadRecs.Ranking.Scoring;
using static LeadRecs.UnitTests.Scoring.CandidateFactory;

namespace LeadRecs.UnitTests.Scoring;

public sealed class BaselineScorerTests
{
    private static UserProfile CondoBuyerInSeattle()
    {
        var f = new UserFeatures();
        for (var i = 0; i < 6; i++)
        {
            var lat = 47.61 + i * 0.001;
            f.Apply(new LeadFacts($"seen{i}", lat, -122.33, 450_000, LeadKind.Condo, 2, GeoCell.FromLatLon(lat, -122.33).ToString()),
                InteractionKind.Click, T0.AddHours(-i), FeatureOptions.Default);
        }
        return f.ToProfile("u", T0, FeatureOptions.Default);
    }

    [Fact]
    public void Prefers_the_lead_that_matches_kind_price_and_place()
    {
        var user = CondoBuyerInSeattle();
        var candidates = new[]
        {
            Candidate("match", 47.612, -122.331, 460_000, LeadKind.Condo, bedrooms: 2),
            Candidate("far", 47.20, -121.80, 460_000, LeadKind.Condo, bedrooms: 2),
            Candidate("wrong-kind", 47.612, -122.331, 460_000, LeadKind.Land, bedrooms: 2),
            Candidate("too-expensive", 47.612, -122.331, 3_000_000, LeadKind.Condo, bedrooms: 2),
        };
        var ranked = RecommendationRanker.Rank(user, candidates, 4, BaselineScorer.Instance);
        Assert.Equal("match", ranked[0].LeadId);
        Assert.All(ranked.Skip(1), r => Assert.True(r.Score < ranked[0].Score));
    }

    [Fact]
    public void Popularity_breaks_ties_between_equal_matches()
    {
        var user = CondoBuyerInSeattle();
        var candidates = new[]
        {
            Candidate("quiet", 47.612, -122.331, 460_000, LeadKind.Condo, popularity: 1, bedrooms: 2),
            Candidate("busy", 47.612, -122.331, 460_000, LeadKind.Condo, popularity: 50, bedrooms: 2),
        };
        Assert.Equal("busy", RecommendationRanker.Rank(user, candidates, 2, BaselineScorer.Instance)[0].LeadId);
    }

    [Fact]
    public void Cold_users_get_the_most_popular_leads()
    {
        var user = UserProfile.Cold("new", T0);
        var candidates = Enumerable.Range(0, 20).Select(i => Candidate($"l{i}", 47.6, -122.3, popularity: i)).ToArray();
        var ranked = RecommendationRanker.Rank(user, candidates, 3, BaselineScorer.Instance);
        Assert.Equal(["l19", "l18", "l17"], ranked.Select(r => r.LeadId));
    }
}
