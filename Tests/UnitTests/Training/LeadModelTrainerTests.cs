using LeadRecs.Ranking.Drift;
using LeadRecs.Ranking.Features.Schema;
using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Training;
using LeadRecs.UnitTests.Model;

namespace LeadRecs.UnitTests.Training;

public sealed class LeadModelTrainerTests
{
    [Fact]
    public void The_artifact_records_its_schema_data_and_offline_metrics()
    {
        var result = LeadModelFixture.Latest;
        var manifest = result.Artifact.Manifest;

        Assert.Equal("test-ranker", manifest.ModelName);
        Assert.Equal("7", manifest.ModelVersion);
        Assert.Equal(FeatureSchemas.Latest.Version, manifest.SchemaVersion);
        Assert.Equal(LeadModelFixture.CreatedAt, manifest.CreatedAt);
        Assert.Equal(FeatureSchemas.Latest.DenseWidth, manifest.Spec!.DenseWidth);
        Assert.Equal(result.TrainingSet.Count, manifest.TrainingData.Rows);
        Assert.Equal(result.TrainingSet.Positives, manifest.TrainingData.Positives);
        Assert.Equal(result.Training.ValidationRows, manifest.TrainingData.ValidationRows);
        Assert.Equal(result.TrainingSet.From, manifest.TrainingData.From);
        Assert.StartsWith("simulated:synthetic:seed=5", manifest.TrainingData.Source);
        Assert.InRange(manifest.OfflineMetrics[LeadModelTrainer.ValidationAucMetric], 0.55, 1.0); // two epochs on a tiny market
        Assert.True(manifest.OfflineMetrics["train_samples_per_second"] > 0);
        Assert.Equal(manifest.OnnxSha256, ModelArtifact.Sha256Hex(result.Artifact.Onnx.Span));
    }

    [Fact]
    public void The_same_options_give_the_same_model_bytes()
    {
        var again = new LeadModelTrainer(LeadModelFixture.Options(FeatureSchemas.Latest, "7")).Train(TinyMarket.History);

        Assert.Equal(LeadModelFixture.Latest.Artifact.Manifest.OnnxSha256, again.Artifact.Manifest.OnnxSha256);
    }

    [Fact]
    public void Progress_goes_through_every_stage_in_order()
    {
        var progress = new ListProgress<LeadModelTrainingProgress>();
        var options = LeadModelFixture.Options(FeatureSchemas.V1, "p") with { Trainer = new TrainerOptions { MaxEpochs = 1 } };

        new LeadModelTrainer(options).Train(TinyMarket.History.Take(2_000), progress);

        var stages = progress.Reports.Select(r => r.Stage).Distinct().ToList();
        Assert.Equal(Enum.GetValues<LeadModelTrainingStage>(), stages);
        Assert.Contains(progress.Reports, r => r.Epoch is { Epoch: 1 });
        Assert.All(progress.Reports, r => Assert.InRange(r.Fraction, 0, 1));
    }

    [Fact]
    public void A_history_with_nothing_to_learn_is_refused()
    {
        var empty = TinyMarket.History with { Interactions = [] };
        Assert.Throws<InvalidOperationException>(() => new LeadModelTrainer().Train(empty));
    }

    [Fact]
    public void The_manifest_carries_a_drift_baseline_of_the_most_recent_training_rows()
    {
        var result = LeadModelFixture.Latest;
        var baseline = result.Artifact.Manifest.Baseline;
        var set = result.TrainingSet;

        Assert.NotNull(baseline);
        Assert.Equal(set.Schema.Version, baseline.SchemaVersion);
        Assert.Equal(Math.Min(set.Count, Math.Max((int)Math.Ceiling(set.Count * 0.2), FeatureBaseline.MinimumRecentRows)), baseline.Rows);
        Assert.True(baseline.Rows < set.Count, $"{baseline.Rows} of {set.Count} rows");
        Assert.Equal(FeatureBaseline.DefaultKeyFeatures, baseline.Features.Select(f => f.Name));
        baseline.Validate(set.Schema);

        // The shares are those of the last rows of the set, which is in time order.
        var price = set.Schema.IndexOfDense("lead.log_price");
        var bins = baseline.Find("lead.log_price")!;
        var counts = new long[bins.BinCount];
        for (var r = set.Count - (int)baseline.Rows; r < set.Count; r++)
        {
            counts[bins.BinOf(set.Data.Dense[r * set.Schema.DenseWidth + price])]++;
        }
        Assert.Equal(bins.ExpectedShares, PopulationStability.Shares(counts));
    }

    [Fact]
    public void No_key_features_means_no_baseline()
    {
        var options = LeadModelFixture.Options(FeatureSchemas.V1, "nb") with { DriftKeyFeatures = [], Trainer = new TrainerOptions { MaxEpochs = 1 } };

        var result = new LeadModelTrainer(options).Train(TinyMarket.History.Take(2_000));

        Assert.Null(result.Artifact.Manifest.Baseline);
    }
}
