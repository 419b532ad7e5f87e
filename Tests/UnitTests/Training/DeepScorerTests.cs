using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Features.Schema;
using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Scoring;
using LeadRecs.Ranking.Training;

namespace LeadRecs.UnitTests.Training;

public sealed class DeepScorerTests
{
    /// <summary>Users and candidates as of the end of the tiny market, as the evaluation and the grains see them.</summary>
    private static readonly Lazy<(PointInTimeMarket Market, List<LeadCandidate> Leads)> End = new(() =>
    {
        var history = TinyMarket.History;
        var market = new PointInTimeMarket(history);
        foreach (var interaction in history.Interactions)
        {
            market.Apply(interaction);
        }
        market.AdvanceTo(TinyMarket.Market.End);
        var leads = Enumerable.Range(0, market.LeadCount).Where(market.IsAvailable).Select(market.Candidate).ToList();
        return (market, leads);
    });

    private static float[] Expected(LeadModelTrainingResult model, FeatureVectorizer vectorizer, UserProfile user, IReadOnlyList<LeadCandidate> leads)
    {
        var dense = new float[leads.Count * vectorizer.DenseWidth];
        var ids = new int[leads.Count * vectorizer.CategoricalCount];
        vectorizer.Vectorize(user, leads, user.AsOf, dense, ids);
        var scores = new float[leads.Count];
        model.Network.Predict(dense, ids, leads.Count, scores);
        return scores;
    }

    [Fact]
    public void Scores_equal_the_trained_network_on_the_same_vectorised_inputs()
    {
        var (market, leads) = End.Value;
        using var scorer = new DeepScorer(LeadModelFixture.Latest.Artifact, chunkRows: 100);
        foreach (var userId in new[] { "user-1", "user-2", "nobody" })
        {
            var user = market.Profile(userId);
            var actual = new float[leads.Count];
            scorer.Score(user, leads, actual);

            var expected = Expected(LeadModelFixture.Latest, scorer.Vectorizer, user, leads);
            Assert.All(Enumerable.Range(0, leads.Count), i => Assert.InRange(actual[i] - expected[i], -1e-5f, 1e-5f));
        }
        Assert.Equal(new ModelIdentity("test-ranker", "7"), scorer.Model);
        Assert.True(leads.Count > 300, $"{leads.Count} candidates span several chunks");
    }

    [Fact]
    public void A_model_trained_on_v1_keeps_scoring_through_v1_after_v2_became_the_latest()
    {
        Assert.NotSame(FeatureSchemas.V1, FeatureSchemas.Latest);
        var (market, leads) = End.Value;
        var model = LeadModelFixture.OnV1;
        Assert.Equal("v1", model.Artifact.Manifest.SchemaVersion);

        using var scorer = new DeepScorer(model.Artifact);
        var user = market.Profile("user-3");
        var actual = new float[leads.Count];
        scorer.Score(user, leads, actual);

        Assert.Same(FeatureSchemas.V1, scorer.Vectorizer.Schema);
        var expected = Expected(model, FeatureVectorizer.For(FeatureSchemas.V1), user, leads);
        Assert.All(Enumerable.Range(0, leads.Count), i => Assert.InRange(actual[i] - expected[i], -1e-5f, 1e-5f));
        Assert.True(actual.Distinct().Count() > leads.Count / 2, "scores should depend on the lead");
    }

    [Fact]
    public void A_model_of_an_unknown_schema_or_the_wrong_width_is_refused()
    {
        var artifact = LeadModelFixture.OnV1.Artifact;
        var unknown = ModelArtifact.Create(artifact.OnnxBytes(), artifact.Manifest with { SchemaVersion = "v99" });
        var mislabelled = ModelArtifact.Create(artifact.OnnxBytes(), artifact.Manifest with { SchemaVersion = "v2" });

        Assert.Throws<NotSupportedException>(() => new DeepScorer(unknown));
        Assert.Throws<InvalidDataException>(() => new DeepScorer(mislabelled));
    }

    [Fact]
    public async Task Concurrent_callers_get_their_own_scores()
    {
        var (market, leads) = End.Value;
        using var scorer = new DeepScorer(LeadModelFixture.Latest.Artifact, chunkRows: 64);
        var users = Enumerable.Range(1, 8).Select(i => market.Profile($"user-{i}")).ToArray();
        var expected = users.Select(u => Expected(LeadModelFixture.Latest, scorer.Vectorizer, u, leads)).ToArray();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var round = 0; round < 10; round++)
            {
                var u = (t + round) % users.Length;
                var take = 50 + (t * 37 + round * 11) % 150;
                var actual = new float[take];
                scorer.Score(users[u], leads.Take(take).ToList(), actual);
                for (var i = 0; i < take; i++)
                {
                    Assert.InRange(actual[i] - expected[u][i], -1e-5f, 1e-5f);
                }
            }
        })));
    }

    [Fact]
    public void Ranks_through_the_scorer_seam()
    {
        var (market, leads) = End.Value;
        using var scorer = new DeepScorer(LeadModelFixture.Latest.Artifact);

        var ranked = RecommendationRanker.Rank(market.Profile("user-4"), leads, 10, scorer);

        Assert.Equal(10, ranked.Count);
        Assert.Equal(Enumerable.Range(1, 10), ranked.Select(r => r.Rank));
        Assert.True(ranked.Zip(ranked.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [Fact]
    public void The_drift_monitor_sees_every_eighth_vectorised_row()
    {
        var (market, leads) = End.Value;
        using var scorer = new DeepScorer(LeadModelFixture.Latest.Artifact, chunkRows: 100);
        Assert.NotNull(scorer.Drift);
        Assert.Same(scorer.Manifest.Baseline, scorer.Drift.Baseline);

        var scores = new float[leads.Count];
        scorer.Score(market.Profile("user-1"), leads, scores);
        scorer.Score(market.Profile("user-2"), leads, scores);
        var report = scorer.Drift.Report();

        Assert.Equal(2 * leads.Count, report.RowsSeen);
        Assert.Equal((2 * leads.Count + DeepScorer.DriftSampleEveryNthRow - 1) / DeepScorer.DriftSampleEveryNthRow, report.RowsSampled);
        Assert.All(report.Features, f => Assert.Equal(report.RowsSampled, f.Observed));
        Assert.Equal(scorer.Manifest.Baseline!.Features.Select(f => f.Name), report.Features.Select(f => f.Name));
    }

    [Fact]
    public void A_manifest_without_a_baseline_serves_without_a_monitor_and_a_wrong_baseline_is_refused()
    {
        var artifact = LeadModelFixture.OnV1.Artifact;
        var legacy = new ModelArtifact(artifact.OnnxBytes(), artifact.Manifest with { Baseline = null });
        var foreign = new ModelArtifact(artifact.OnnxBytes(), artifact.Manifest with { Baseline = LeadModelFixture.Latest.Artifact.Manifest.Baseline });

        using var scorer = new DeepScorer(legacy);
        var (market, leads) = End.Value;
        scorer.Score(market.Profile("user-1"), leads, new float[leads.Count]);

        Assert.Null(scorer.Drift);
        Assert.Throws<InvalidDataException>(() => new DeepScorer(foreign));
    }
}
