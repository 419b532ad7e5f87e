using System.Diagnostics;

namespace LeadRecs.Ranking.Model;

/// <summary>
/// Training that goes on across epochs whose rows change (negatives redrawn every epoch, say): one network and one
/// Adam state (moments and step count) for the whole run, where a new <see cref="RankingTrainer"/> per epoch would
/// restart the optimiser each time. No validation hold-out: the caller judges epochs itself (on a ranking metric,
/// say) and keeps a <see cref="Snapshot"/> of the ones it likes. Deterministic for the same data, seeds and options.
/// </summary>
public sealed class TrainingRun
{
    private readonly RankingNetwork _network;
    private readonly TrainingSession _session;

    /// <param name="initial">Left unchanged; the run trains a copy.</param>
    public TrainingRun(RankingNetwork initial, TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _network = initial.Clone();
        _session = new TrainingSession(_network, options);
    }

    /// <summary>Epochs trained so far.</summary>
    public int Epochs { get; private set; }

    /// <summary>Step size of the coming epochs (a schedule sets it between them); starts at the options' rate.</summary>
    public float LearningRate
    {
        get => _session.LearningRate;
        set => _session.LearningRate = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>
    /// A copy of the current weights (their moving average when <see cref="TrainerOptions.WeightAverageDecay"/> is
    /// on), unaffected by later epochs.
    /// </summary>
    public RankingNetwork Snapshot() =>
        _session.Averages ? RankingNetwork.FromParameters(_network.Spec, _session.AverageWeights) : _network.Clone();

    /// <summary>
    /// One shuffled pass over <paramref name="data"/> (whole groups when the options group rows), continuing from
    /// the weights and optimiser state the previous epochs left.
    /// </summary>
    public TrainingProgress TrainEpoch(TrainingData data, int shuffleSeed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        RankingTrainer.CheckData(_network.Spec, data, _session.GroupSize);
        var clock = Stopwatch.StartNew();
        _session.Data = data;
        var order = Enumerable.Range(0, data.Rows / _session.GroupSize).ToArray();
        new SplitMix64((ulong)shuffleSeed).Shuffle(order);
        var (lossSum, weightSum) = _session.TrainEpoch(order, cancellationToken);
        Epochs++;
        var seconds = clock.Elapsed.TotalSeconds;
        return new TrainingProgress(
            Epochs,
            weightSum > 0 ? lossSum / weightSum : double.NaN,
            double.NaN,
            double.NaN,
            seconds > 0 ? data.Rows / seconds : double.NaN,
            clock.Elapsed,
            true);
    }
}
