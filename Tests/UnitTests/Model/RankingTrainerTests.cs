using System.Diagnostics;
using LeadRecs.Ranking.Model;
using Xunit;
using Xunit.Abstractions;

namespace LeadRecs.UnitTests.Model;

public sealed class RankingTrainerTests(ITestOutputHelper output)
{
    [Fact]
    public void Same_seed_gives_identical_weights_whatever_the_thread_count()
    {
        var spec = SyntheticData.TinySpec(seed: 9, hidden: [16, 8]);
        var data = SyntheticData.Random(spec, rows: 3000, seed: 2, withWeights: true);
        var options = new TrainerOptions { MaxEpochs = 2, BatchSize = 64, Partitions = 4 };

        var a = new RankingTrainer(options with { MaxDegreeOfParallelism = 2 }).Train(spec, data).Network;
        var b = new RankingTrainer(options with { MaxDegreeOfParallelism = 2 }).Train(spec, data).Network;
        var serial = new RankingTrainer(options with { MaxDegreeOfParallelism = 1 }).Train(spec, data).Network;

        Assert.True(a.Parameters.SequenceEqual(b.Parameters));
        Assert.True(a.Parameters.SequenceEqual(serial.Parameters));
        Assert.False(a.Parameters.SequenceEqual(new RankingNetwork(spec).Parameters));
    }

    [Fact]
    public void Different_seeds_give_different_initial_weights()
    {
        Assert.True(new RankingNetwork(SyntheticData.TinySpec(seed: 1)).Parameters.SequenceEqual(new RankingNetwork(SyntheticData.TinySpec(seed: 1)).Parameters));
        Assert.False(new RankingNetwork(SyntheticData.TinySpec(seed: 1)).Parameters.SequenceEqual(new RankingNetwork(SyntheticData.TinySpec(seed: 2)).Parameters));
    }

    [Fact]
    public void Learns_a_nonlinear_separable_problem_and_beats_a_logistic_baseline()
    {
        var train = SyntheticData.Separable(rows: 20_000, seed: 1);
        var test = SyntheticData.Separable(rows: 4_000, seed: 2);
        CategoricalFeatureSpec[] categorical = [new("segment", 20, 4), new("noise", 10, 2)];
        var mlp = new ModelSpec(8, categorical, [32, 16], Seed: 5);

        // Logistic regression over dense + one-hot categories: no hidden layer, 1-wide embeddings (= per-id bias).
        var logistic = new ModelSpec(8, [new("segment", 20, 1), new("noise", 10, 1)], [], Seed: 5);
        var options = new TrainerOptions { MaxEpochs = 20, BatchSize = 128, LearningRate = 5e-3f, Patience = 3 };

        var watch = Stopwatch.StartNew();
        var progress = new ListProgress<TrainingProgress>();
        var result = new RankingTrainer(options).Train(mlp, train, progress);
        var mlpSeconds = watch.Elapsed.TotalSeconds;
        var baseline = new RankingTrainer(options).Train(logistic, train);

        var mlpAuc = TestAuc(result.Network, test);
        var baselineAuc = TestAuc(baseline.Network, test);
        output.WriteLine($"MLP AUC {mlpAuc:F4} in {mlpSeconds:F2}s ({result.EpochsRun} epochs, {result.SamplesPerSecond:N0} samples/s); logistic AUC {baselineAuc:F4}");

        Assert.True(mlpAuc > 0.95, $"MLP AUC {mlpAuc}");
        Assert.True(mlpAuc > baselineAuc + 0.05, $"MLP {mlpAuc} vs logistic {baselineAuc}");
        Assert.Equal(result.EpochsRun, progress.Reports.Count);
        Assert.All(progress.Reports, r => Assert.True(r.SamplesPerSecond > 0 && double.IsFinite(r.ValidationAuc)));
        Assert.Equal(progress.Reports.Single(r => r.Epoch == result.BestEpoch).ValidationLoss, result.BestValidationLoss);
    }

    [Fact]
    public void Early_stopping_returns_the_best_epochs_weights()
    {
        // Pure-noise labels: a wide net overfits, validation loss rises and training must stop and roll back.
        var spec = SyntheticData.TinySpec(seed: 4, hidden: [64, 64]);
        var data = SyntheticData.Random(spec, rows: 1500, seed: 8);
        var options = new TrainerOptions { MaxEpochs = 40, BatchSize = 32, LearningRate = 2e-2f, Patience = 2, ValidationFraction = 0.2 };

        var result = new RankingTrainer(options).Train(spec, data);

        Assert.True(result.StoppedEarly);
        Assert.Equal(result.BestEpoch + options.Patience, result.EpochsRun);
        var start = result.TrainRows;
        var scores = new float[result.ValidationRows];
        result.Network.Predict(data.Dense.AsSpan(start * spec.DenseWidth), data.Categorical.AsSpan(start * spec.CategoricalCount), result.ValidationRows, scores);
        Assert.Equal(result.BestValidationLoss, BinaryMetrics.LogLoss(scores, data.Labels.AsSpan(start)), 4);
    }

    [Fact]
    public void Rejects_data_that_does_not_fit_the_spec_or_has_bad_labels()
    {
        var spec = SyntheticData.TinySpec();
        var trainer = new RankingTrainer();
        Assert.Throws<ArgumentException>(() => trainer.Train(spec, TrainingData.Allocate(10, 4, 2)));
        var data = SyntheticData.Random(spec, 10, 1);
        data.Labels[3] = 2;
        Assert.Throws<ArgumentException>(() => trainer.Train(spec, data));
        data.Labels[3] = 1;
        data.Dense[0] = float.NaN;
        Assert.Throws<ArgumentException>(() => trainer.Train(spec, data));
    }

    [Fact]
    public void Cancellation_stops_training()
    {
        var spec = SyntheticData.TinySpec();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => new RankingTrainer().Train(spec, SyntheticData.Random(spec, 100, 1), null, cancel.Token));
    }

    private static double TestAuc(RankingNetwork network, TrainingData test)
    {
        var scores = new float[test.Rows];
        network.Predict(test.Dense, test.Categorical, test.Rows, scores);
        return BinaryMetrics.Auc(scores, test.Labels);
    }
}
