using System.Diagnostics;

namespace LeadRecs.Ranking.Model;

/// <summary>
/// Trains a <see cref="RankingNetwork"/> with binary cross-entropy (or a softmax over row groups, see
/// <see cref="TrainingLoss"/>), Adam and shuffled mini-batches on all cores, keeping the weights of the best
/// validation epoch. <see cref="TrainingRun"/> is the same loop for callers that bring new data every epoch. CPU-bound and synchronous: callers on a
/// scheduler they must not block (an Orleans grain) run it on the thread pool.
/// </summary>
public sealed class RankingTrainer
{
    private readonly TrainerOptions _options;

    public RankingTrainer(TrainerOptions? options = null)
    {
        _options = options ?? new TrainerOptions();
        _options.Validate();
    }

    /// <summary>Trains a new network of the given shape.</summary>
    public TrainingResult Train(ModelSpec spec, TrainingData data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Train(new RankingNetwork(spec), data, progress, cancellationToken);

    /// <summary>Continues training from <paramref name="initial"/> (left unchanged; the result is a copy).</summary>
    public TrainingResult Train(RankingNetwork initial, TrainingData data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(data);
        CheckData(initial.Spec, data, _options.GroupSize);

        var network = initial.Clone();
        var best = initial.Clone();
        var g = _options.GroupSize;
        var groups = data.Rows / g;
        var validationRows = (int)(groups * _options.ValidationFraction) * g;
        var trainRows = data.Rows - validationRows;
        if (trainRows < 1)
        {
            throw new ArgumentException("No training rows left after the validation hold-out.", nameof(data));
        }

        var session = new TrainingSession(network, data, _options);
        var shuffle = new SplitMix64((ulong)_options.ShuffleSeed);
        var order = Enumerable.Range(0, trainRows / g).ToArray();
        var validationScores = new float[validationRows];
        var validationLabels = data.Labels.AsSpan(trainRows, validationRows).ToArray();
        var history = new List<TrainingProgress>();
        var total = Stopwatch.StartNew();
        var trainingTicks = 0L;
        var bestEpoch = 0;
        var bestLoss = double.PositiveInfinity;
        var bestAuc = double.NaN;
        var sinceBest = 0;
        var stoppedEarly = false;

        for (var epoch = 1; epoch <= _options.MaxEpochs; epoch++)
        {
            var epochWatch = Stopwatch.StartNew();
            shuffle.Shuffle(order);
            var (lossSum, weightSum) = session.TrainEpoch(order, cancellationToken);

            var trainTicks = epochWatch.ElapsedTicks;
            trainingTicks += trainTicks;
            var validationLoss = double.NaN;
            var validationAuc = double.NaN;
            var isBest = true;
            session.SwapAverage(); // validation and the best weights are the average's, when averaging
            if (validationRows > 0)
            {
                validationLoss = session.Evaluate(trainRows, validationRows, validationScores);
                validationAuc = BinaryMetrics.Auc(validationScores, validationLabels);
                isBest = validationLoss < bestLoss - _options.MinDelta;
            }

            if (isBest)
            {
                bestEpoch = epoch;
                bestLoss = validationLoss;
                bestAuc = validationAuc;
                best.CopyParametersFrom(network);
                sinceBest = 0;
            }
            else
            {
                sinceBest++;
            }

            session.SwapAverage();

            var report = new TrainingProgress(
                epoch,
                weightSum > 0 ? lossSum / weightSum : double.NaN,
                validationLoss,
                validationAuc,
                trainRows / (trainTicks / (double)Stopwatch.Frequency),
                total.Elapsed,
                isBest);
            history.Add(report);
            progress?.Report(report);

            if (sinceBest >= _options.Patience)
            {
                stoppedEarly = epoch < _options.MaxEpochs;
                break;
            }
        }

        return new TrainingResult(
            best,
            bestEpoch,
            history.Count,
            stoppedEarly,
            bestLoss,
            bestAuc,
            trainRows,
            validationRows,
            (double)trainRows * history.Count / (trainingTicks / (double)Stopwatch.Frequency),
            total.Elapsed,
            history);
    }

    internal static void CheckData(ModelSpec spec, TrainingData data, int groupSize = 1)
    {
        if (data.DenseWidth != spec.DenseWidth || data.CategoricalCount != spec.CategoricalCount)
        {
            throw new ArgumentException(
                $"Data has {data.DenseWidth} dense and {data.CategoricalCount} categorical columns; the model expects {spec.DenseWidth} and {spec.CategoricalCount}.",
                nameof(data));
        }

        if (data.Rows % groupSize != 0)
        {
            throw new ArgumentException($"{data.Rows} rows do not make whole groups of {groupSize}.", nameof(data));
        }

        // One pass up front: a NaN feature or label would silently poison every weight it touches.
        for (var i = 0; i < data.Rows; i++)
        {
            var label = data.Labels[i];
            var weight = data.Weight(i);
            if (!(label >= 0f && label <= 1f) || !(weight >= 0f) || float.IsInfinity(weight))
            {
                throw new ArgumentException($"Row {i}: label must be in [0, 1] and weight finite and >= 0.", nameof(data));
            }
        }

        foreach (var value in data.Dense)
        {
            if (!float.IsFinite(value))
            {
                throw new ArgumentException("Dense features contain NaN or infinity.", nameof(data));
            }
        }
    }
}
