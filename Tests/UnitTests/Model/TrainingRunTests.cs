using LeadRecs.Ranking.Model;
using Xunit;

namespace LeadRecs.UnitTests.Model;

public sealed class TrainingRunTests
{
    [Fact]
    public void One_epoch_equals_the_trainer_with_the_same_shuffle_seed()
    {
        var spec = SyntheticData.TinySpec(seed: 9, hidden: [8]);
        var data = SyntheticData.Random(spec, rows: 600, seed: 4, withWeights: true);
        var options = new TrainerOptions { MaxEpochs = 1, BatchSize = 32, ValidationFraction = 0, ShuffleSeed = 5 };

        var trainer = new RankingTrainer(options).Train(spec, data).Network;
        var run = new TrainingRun(new RankingNetwork(spec), options);
        run.TrainEpoch(data, shuffleSeed: 5);

        Assert.True(trainer.Parameters.SequenceEqual(run.Snapshot().Parameters));
    }

    [Fact]
    public void Later_epochs_continue_the_optimiser_instead_of_restarting_it_and_stay_deterministic()
    {
        var spec = SyntheticData.TinySpec(seed: 9, hidden: [8]);
        var first = SyntheticData.Random(spec, rows: 400, seed: 1, withWeights: true);
        var second = SyntheticData.Random(spec, rows: 400, seed: 2, withWeights: true);
        var options = new TrainerOptions { BatchSize = 32, Partitions = 4 };

        RankingNetwork Continued(int threads)
        {
            var run = new TrainingRun(new RankingNetwork(spec), options with { MaxDegreeOfParallelism = threads });
            run.TrainEpoch(first, 1);
            run.LearningRate = options.LearningRate / 2;
            var report = run.TrainEpoch(second, 2);
            Assert.Equal(2, report.Epoch);
            Assert.True(double.IsFinite(report.TrainLoss) && report.SamplesPerSecond > 0);
            return run.Snapshot();
        }

        var restarted = new TrainingRun(new RankingNetwork(spec), options);
        restarted.TrainEpoch(first, 1);
        var fresh = new TrainingRun(restarted.Snapshot(), options) { LearningRate = options.LearningRate / 2 };
        fresh.TrainEpoch(second, 2);

        var continued = Continued(2);
        Assert.True(continued.Parameters.SequenceEqual(Continued(1).Parameters));
        Assert.False(continued.Parameters.SequenceEqual(fresh.Snapshot().Parameters));
    }

    [Fact]
    public void Weight_averaging_keeps_a_moving_average_of_the_weights_without_changing_them()
    {
        // One batch per epoch, so each epoch is one optimiser step.
        var spec = SyntheticData.TinySpec(seed: 4, hidden: [6]);
        var data = SyntheticData.Random(spec, rows: 40, seed: 9, withWeights: true);
        var options = new TrainerOptions { BatchSize = 40, Partitions = 2 };
        var initial = new RankingNetwork(spec);
        var plain = new TrainingRun(initial, options);
        plain.TrainEpoch(data, 1);
        var w1 = plain.Snapshot().Parameters.ToArray();
        plain.TrainEpoch(data, 2);
        var w2 = plain.Snapshot().Parameters.ToArray();

        var averaged = new TrainingRun(initial, options with { WeightAverageDecay = 0.5 });
        averaged.TrainEpoch(data, 1);
        averaged.TrainEpoch(data, 2);

        var w0 = initial.Parameters.ToArray();
        var average = averaged.Snapshot().Parameters.ToArray();
        for (var i = 0; i < w0.Length; i++)
        {
            Assert.InRange(average[i] - (0.25f * w0[i] + 0.25f * w1[i] + 0.5f * w2[i]), -1e-6f, 1e-6f);
        }

        Assert.False(average.SequenceEqual(w2));
    }

    [Fact]
    public void Snapshot_is_a_copy_and_the_initial_network_is_left_alone()
    {
        var spec = SyntheticData.TinySpec();
        var initial = new RankingNetwork(spec);
        var before = initial.Parameters.ToArray();
        var run = new TrainingRun(initial, new TrainerOptions { BatchSize = 16 });
        var snapshot = run.Snapshot();

        run.TrainEpoch(SyntheticData.Random(spec, rows: 100, seed: 3), 1);

        Assert.True(initial.Parameters.SequenceEqual(before));
        Assert.True(snapshot.Parameters.SequenceEqual(before));
        Assert.False(run.Snapshot().Parameters.SequenceEqual(before));
    }

    [Fact]
    public void Grouped_rows_must_make_whole_groups()
    {
        var spec = SyntheticData.TinySpec();
        var run = new TrainingRun(new RankingNetwork(spec), new TrainerOptions { Loss = TrainingLoss.GroupSoftmax, GroupSize = 3 });
        Assert.Throws<ArgumentException>(() => run.TrainEpoch(SyntheticData.Random(spec, rows: 10, seed: 1), 1));
        Assert.Throws<ArgumentException>(() => new TrainerOptions { Loss = TrainingLoss.GroupSoftmax, GroupSize = 1 }.Validate());
    }
}
