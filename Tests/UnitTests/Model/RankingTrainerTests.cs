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
    public void Group_softmax_learns_to_put_each_groups_positive_first_whatever_the_thread_count()
    {
        // Groups of 1 positive + 4 negatives; the positive is the row whose x0*x1 is largest, which no logit level
        // (what log loss also fits) says: only the order inside a group does.
        const int groupSize = 5;
        static TrainingData Groups(int groups, int seed)
        {
            var random = new Random(seed);
            var data = TrainingData.Allocate(groups * groupSize, 3, 2);
            for (var g = 0; g < groups; g++)
            {
                var best = 0;
                var bestValue = double.NegativeInfinity;
                for (var k = 0; k < groupSize; k++)
                {
                    var row = data.DenseRow(g * groupSize + k);
                    for (var j = 0; j < row.Length; j++)
                    {
                        row[j] = (float)(random.NextDouble() * 2 - 1);
                    }

                    data.CategoricalRow(g * groupSize + k)[0] = random.Next(4);
                    data.CategoricalRow(g * groupSize + k)[1] = random.Next(5);
                    if (row[0] * row[1] > bestValue)
                    {
                        (best, bestValue) = (k, row[0] * row[1]);
                    }
                }

                // The positive goes first, as the deep model's training sets lay groups out.
                var positive = data.DenseRow(g * groupSize + best).ToArray();
                data.DenseRow(g * groupSize).CopyTo(data.DenseRow(g * groupSize + best));
                positive.CopyTo(data.DenseRow(g * groupSize));
                data.Labels[g * groupSize] = 1f;
            }

            return data;
        }

        var spec = SyntheticData.TinySpec(seed: 2, hidden: [16, 8]);
        var train = Groups(3000, 1);
        var test = Groups(500, 2);
        var options = new TrainerOptions
        {
            Loss = TrainingLoss.GroupSoftmax, GroupSize = groupSize, BatchSize = 100, MaxEpochs = 15, LearningRate = 5e-3f, Partitions = 3,
        };

        var result = new RankingTrainer(options).Train(spec, train);
        var serial = new RankingTrainer(options with { MaxDegreeOfParallelism = 1 }).Train(spec, train);

        var scores = new float[test.Rows];
        result.Network.PredictLogits(test.Dense, test.Categorical, test.Rows, scores);
        var firsts = Enumerable.Range(0, 500).Count(g => Enumerable.Range(1, groupSize - 1).All(k => scores[g * groupSize] > scores[g * groupSize + k]));
        output.WriteLine($"positive ranked first in {firsts}/500 test groups (chance 100); best epoch {result.BestEpoch}, validation loss {result.BestValidationLoss:F4}");
        Assert.True(firsts > 400, $"{firsts}");
        Assert.Equal(0, result.ValidationRows % groupSize);
        Assert.True(double.IsFinite(result.BestValidationLoss));
        Assert.True(result.Network.Parameters.SequenceEqual(serial.Network.Parameters));
    }

    [Fact]
    public void Predict_is_the_sigmoid_of_PredictLogits()
    {
        var spec = SyntheticData.TinySpec(seed: 7);
        var data = SyntheticData.Random(spec, rows: 300, seed: 3); // more than one 256-row chunk
        var network = new RankingTrainer(new TrainerOptions { MaxEpochs = 1 }).Train(spec, data).Network;
        var scores = new float[data.Rows];
        var logits = new float[data.Rows];

        network.Predict(data.Dense, data.Categorical, data.Rows, scores);
        network.PredictLogits(data.Dense, data.Categorical, data.Rows, logits);

        for (var r = 0; r < data.Rows; r++)
        {
            Assert.InRange(scores[r] - 1f / (1f + MathF.Exp(-logits[r])), -1e-6f, 1e-6f);
        }
    }

    [Fact]
    public void With_weight_averaging_validation_and_the_result_use_the_averaged_weights()
    {
        var spec = SyntheticData.TinySpec(seed: 4, hidden: [8]);
        var data = SyntheticData.Random(spec, rows: 1000, seed: 8);
        var options = new TrainerOptions { MaxEpochs = 3, BatchSize = 50, ValidationFraction = 0.2, WeightAverageDecay = 0.9, Patience = 5 };

        var result = new RankingTrainer(options).Train(spec, data);
        var again = new RankingTrainer(options with { MaxDegreeOfParallelism = 1 }).Train(spec, data);
        var plain = new RankingTrainer(options with { WeightAverageDecay = 0 }).Train(spec, data);

        var start = result.TrainRows;
        var scores = new float[result.ValidationRows];
        result.Network.Predict(data.Dense.AsSpan(start * spec.DenseWidth), data.Categorical.AsSpan(start * spec.CategoricalCount), result.ValidationRows, scores);
        Assert.Equal(result.BestValidationLoss, BinaryMetrics.LogLoss(scores, data.Labels.AsSpan(start)), 4);
        Assert.True(result.Network.Parameters.SequenceEqual(again.Network.Parameters));
        Assert.False(result.Network.Parameters.SequenceEqual(plain.Network.Parameters));
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
