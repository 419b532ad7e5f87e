using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Geo;
using LeadRecs.Ranking.Scoring;
using static LeadRecs.UnitTests.Scoring.CandidateFactory;

namespace LeadRecs.UnitTests.Scoring;

public sealed class RecommendationRankerTests
{
    [Fact]
    public void Returns_k_distinct_active_leads_in_rank_order()
    {
        var candidates = Enumerable.Range(0, 30)
            .Select(i => Candidate($"l{i % 20}", 47.6, -122.3, popularity: i % 20,
                status: i % 7 == 0 ? LeadStatus.Closed : LeadStatus.Active))
            .ToArray();
        var ranked = RecommendationRanker.Rank(UserProfile.Cold("u", T0), candidates, 10, BaselineScorer.Instance);
        Assert.Equal(10, ranked.Count);
        Assert.Equal(10, ranked.Select(r => r.LeadId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 10), ranked.Select(r => r.Rank));
        Assert.True(ranked.Zip(ranked.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        var closed = candidates.Where(c => c.Status != LeadStatus.Active).Select(c => c.LeadId).ToHashSet();
        var activeDuplicates = candidates.Where(c => c.Status == LeadStatus.Active).Select(c => c.LeadId).ToHashSet();
        // A lead listed as closed in one copy and active in another is still eligible through its active copy.
        Assert.All(ranked, r => Assert.True(activeDuplicates.Contains(r.LeadId) || !closed.Contains(r.LeadId)));
    }

    [Fact]
    public void Leads_the_user_already_inquired_about_are_not_recommended_again()
    {
        var f = new UserFeatures();
        f.Apply(new LeadFacts("asked", 47.6, -122.3, 500_000, LeadKind.House, 3, GeoCell.FromLatLon(47.6, -122.3).ToString()),
            InteractionKind.Inquiry, T0, FeatureOptions.Default);
        var user = f.ToProfile("u", T0, FeatureOptions.Default);
        var ranked = RecommendationRanker.Rank(user,
            [Candidate("asked", 47.6, -122.3), Candidate("other", 47.6, -122.3)], 5, BaselineScorer.Instance);
        Assert.Equal(["other"], ranked.Select(r => r.LeadId));
    }

    [Fact]
    public void Equal_scores_rank_by_lead_id_for_the_same_answer_on_every_silo()
    {
        var candidates = new[] { Candidate("b", 47.6, -122.3), Candidate("a", 47.6, -122.3), Candidate("c", 47.6, -122.3) };
        var ranked = RecommendationRanker.Rank(UserProfile.Cold("u", T0), candidates, 3, BaselineScorer.Instance);
        Assert.Equal(["a", "b", "c"], ranked.Select(r => r.LeadId));
    }

    [Fact]
    public void Large_candidate_sets_are_ranked_too()
    {
        var candidates = Enumerable.Range(0, 3000).Select(i => Candidate($"l{i}", 47.6, -122.3, popularity: i)).ToArray();
        var ranked = RecommendationRanker.Rank(UserProfile.Cold("u", T0), candidates, 5, BaselineScorer.Instance);
        Assert.Equal("l2999", ranked[0].LeadId);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(1000)]
    [InlineData(5000)]
    public void Only_the_best_k_are_ordered_and_they_match_a_full_sort(int k)
    {
        // Scores from a handful of values, so that many leads tie with the k-th best; a few NaN.
        var random = new Random(k);
        var candidates = Enumerable.Range(0, 1000).Select(i => Candidate($"l{random.Next(100_000):D6}-{i}", 47.6, -122.3)).ToArray();
        var scores = candidates.ToDictionary(c => c.LeadId, _ => random.Next(50) == 0 ? float.NaN : random.Next(40) / 8f);
        var ranked = RecommendationRanker.Rank(UserProfile.Cold("u", T0), candidates, k, new FixedScorer(scores));

        var expected = candidates
            .OrderByDescending(c => scores[c.LeadId])
            .ThenBy(c => c.LeadId, StringComparer.Ordinal)
            .Take(k)
            .Select(c => c.LeadId);
        Assert.Equal(expected, ranked.Select(r => r.LeadId));
        Assert.Equal(Enumerable.Range(1, Math.Min(k, candidates.Length)), ranked.Select(r => r.Rank));
    }

    private sealed class FixedScorer(IReadOnlyDictionary<string, float> scores) : ILeadScorer
    {
        public ModelIdentity Model { get; } = new("fixed", "1");

        public void Score(UserProfile user, IReadOnlyList<LeadCandidate> candidates, Span<float> output)
        {
            for (var i = 0; i < candidates.Count; i++)
            {
                output[i] = scores[candidates[i].LeadId];
            }
        }
    }

    [Fact]
    public void No_candidates_means_an_empty_list()
    {
        Assert.Empty(RecommendationRanker.Rank(UserProfile.Cold("u", T0), [], 5, BaselineScorer.Instance));
    }
}
