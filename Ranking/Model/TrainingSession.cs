using System.Numerics.Tensors;

namespace LeadRecs.Ranking.Model;

/// <summary>
/// The per-run state of <see cref="RankingTrainer"/>: partition workspaces, per-partition gradient buffers and
/// the optimiser. A mini-batch is cut into a fixed number of contiguous slices that run in parallel, each into
/// its own gradient buffer; the buffers are then summed in slice order. Floating-point sums therefore happen in
/// the same order on every run, whatever the thread scheduling, and a seed reproduces the weights exactly.
/// With <see cref="TrainerOptions.GroupSize"/> above 1, batches and slices hold whole groups, so a group's softmax
/// is computed inside one slice. The data can be swapped between epochs (fresh negatives) while the optimiser keeps
/// its state.
/// </summary>
internal sealed class TrainingSession
{
    private readonly RankingNetwork _network;
    private readonly ModelSpec _spec;
    private readonly ParameterLayout _layout;
    private readonly AdamOptimizer _optimizer;
    private readonly int _groupSize;
    private readonly bool _softmax;
    private readonly int _rowsPerBatch;
    private readonly ParallelOptions _parallel;
    private readonly int _partitions;
    private readonly Workspace[] _workspaces;
    private readonly float[][] _gradients;
    private readonly float[][] _logitGradients;
    private readonly double[] _losses;
    private readonly int[][] _stamps;
    private readonly int[] _touchedOffsets;
    private readonly int[] _touchedLengths;
    private int _touchedCount;
    private int _stamp;
    private TrainingData? _data;
    private int[] _rowOrder = [];
    private readonly float[]? _average;
    private readonly float _averageDecay;

    // The batch being processed, as fields because spans cannot be captured by the parallel body.
    private int[] _rows = [];
    private int _batchStart;
    private int _batchCount;
    private double _weightSum;

    public TrainingSession(RankingNetwork network, TrainingData data, TrainerOptions options)
        : this(network, options)
    {
        Data = data;
    }

    public TrainingSession(RankingNetwork network, TrainerOptions options)
    {
        _network = network;
        _spec = network.Spec;
        _layout = network.Layout;
        _optimizer = new AdamOptimizer(_layout, options);
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        _partitions = options.Partitions;
        _groupSize = options.GroupSize;
        _softmax = options.Loss == TrainingLoss.GroupSoftmax;
        if (options.WeightAverageDecay > 0)
        {
            _averageDecay = (float)options.WeightAverageDecay;
            _average = (float[])network.Buffer.Clone();
        }
        var groupsPerBatch = Math.Max(1, options.BatchSize / _groupSize);
        _rowsPerBatch = groupsPerBatch * _groupSize;
        // A slice holds whole groups; a batch may also be handed in whole (gradient checks), so room for BatchSize too.
        var maxRows = Math.Max(options.BatchSize, _rowsPerBatch);
        var capacity = ((maxRows / _groupSize) + _partitions - 1) / _partitions * _groupSize;
        _workspaces = new Workspace[_partitions];
        _gradients = new float[_partitions][];
        _logitGradients = new float[_partitions][];
        _losses = new double[_partitions];
        for (var p = 0; p < _partitions; p++)
        {
            _workspaces[p] = new Workspace(_layout, _spec.CategoricalCount, capacity);
            _gradients[p] = new float[_layout.TotalCount];
            _logitGradients[p] = new float[capacity];
        }

        _stamps = _spec.Categorical.Select(c => new int[c.VocabularySize]).ToArray();
        _touchedOffsets = new int[maxRows * _spec.CategoricalCount];
        _touchedLengths = new int[maxRows * _spec.CategoricalCount];
    }

    /// <summary>The rows being trained on; another set of the same widths may replace it between epochs.</summary>
    public TrainingData Data
    {
        get => _data ?? throw new InvalidOperationException("No training data set.");
        set
        {
            if (value.Rows % _groupSize != 0)
            {
                throw new ArgumentException($"{value.Rows} rows do not make whole groups of {_groupSize}.", nameof(value));
            }

            _data = value;
        }
    }

    /// <summary>The optimiser's step size; a schedule may change it between batches.</summary>
    public float LearningRate
    {
        get => _optimizer.LearningRate;
        set => _optimizer.LearningRate = value;
    }

    public int GroupSize => _groupSize;

    /// <summary>The moving average of the weights, when <see cref="TrainerOptions.WeightAverageDecay"/> is on.</summary>
    public ReadOnlySpan<float> AverageWeights => _average;

    public bool Averages => _average is not null;

    /// <summary>Swaps the live weights and their average (twice restores them): validation runs on the average.</summary>
    public void SwapAverage()
    {
        if (_average is null)
        {
            return;
        }

        var live = _network.Buffer.AsSpan();
        for (var i = 0; i < live.Length; i++)
        {
            (live[i], _average[i]) = (_average[i], live[i]);
        }
    }

    /// <summary>
    /// One pass over the groups in <paramref name="groupOrder"/> (group g = rows [g·GroupSize, (g+1)·GroupSize)),
    /// in mini-batches of whole groups. Returns the weighted loss sum and weight sum.
    /// </summary>
    public (double LossSum, double WeightSum) TrainEpoch(ReadOnlySpan<int> groupOrder, CancellationToken cancellationToken)
    {
        var g = _groupSize;
        var rows = groupOrder.Length * g;
        if (_rowOrder.Length != rows)
        {
            _rowOrder = new int[rows];
        }

        for (var k = 0; k < groupOrder.Length; k++)
        {
            for (var j = 0; j < g; j++)
            {
                _rowOrder[k * g + j] = groupOrder[k] * g + j;
            }
        }

        double lossSum = 0;
        double weightSum = 0;
        for (var start = 0; start < rows; start += _rowsPerBatch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (loss, weight) = TrainBatch(_rowOrder, start, Math.Min(_rowsPerBatch, rows - start));
            lossSum += loss;
            weightSum += weight;
        }

        return (lossSum, weightSum);
    }

    /// <summary>One optimiser step on rows[start..start+count). Returns the weighted loss sum and weight sum.</summary>
    public (double LossSum, double WeightSum) TrainBatch(int[] rows, int start, int count)
    {
        var (loss, weightSum) = AccumulateGradients(rows, start, count);
        if (weightSum <= 0)
        {
            return (0, 0);
        }

        _optimizer.Step(_network.Buffer, _gradients[0], _touchedOffsets.AsSpan(0, _touchedCount), _touchedLengths.AsSpan(0, _touchedCount));
        ClearGradients();
        if (_average is not null)
        {
            // average += (1 - decay) * (weights - average), started from the initial weights.
            var delta = _gradients[0].AsSpan(); // all-zero between steps: scratch until cleared again
            TensorPrimitives.Subtract(_network.Buffer, _average, delta);
            TensorPrimitives.MultiplyAdd(delta, 1 - _averageDecay, _average, _average);
            delta.Clear();
        }
        return (loss * weightSum, weightSum);
    }

    /// <summary>Gradient of the last <see cref="AccumulateGradients"/>: d(weighted mean loss)/d(parameters).</summary>
    internal ReadOnlySpan<float> Gradient => _gradients[0];

    /// <summary>
    /// Forward and backward over the batch, slices in parallel, then the slice gradients summed in slice
    /// order into <see cref="Gradient"/>. Returns the batch's weighted mean loss and its weight sum.
    /// </summary>
    internal (double MeanLoss, double WeightSum) AccumulateGradients(int[] rows, int start, int count)
    {
        if (count % _groupSize != 0)
        {
            throw new ArgumentException($"A batch of {count} rows does not hold whole groups of {_groupSize}.", nameof(count));
        }

        var data = Data;
        _rows = rows;
        _batchStart = start;
        _batchCount = count;
        _weightSum = 0;
        for (var i = 0; i < count; i++)
        {
            // The softmax's unit is the positive: a group weighs what its labelled rows weigh.
            var row = rows[start + i];
            _weightSum += _softmax ? data.Weight(row) * data.Labels[row] : data.Weight(row);
        }

        if (_weightSum <= 0)
        {
            return (0, 0);
        }

        CollectTouchedRows();
        Parallel.For(0, _partitions, _parallel, TrainPartition);

        var total = _gradients[0];
        var loss = _losses[0];
        var denseFrom = _layout.EmbeddingParameterCount;
        var denseSpan = total.AsSpan(denseFrom);
        for (var p = 1; p < _partitions; p++)
        {
            loss += _losses[p];
            TensorPrimitives.Add(denseSpan, _gradients[p].AsSpan(denseFrom), denseSpan);
            for (var t = 0; t < _touchedCount; t++)
            {
                var target = total.AsSpan(_touchedOffsets[t], _touchedLengths[t]);
                TensorPrimitives.Add(target, _gradients[p].AsSpan(_touchedOffsets[t], _touchedLengths[t]), target);
            }
        }

        return (loss, _weightSum);
    }

    /// <summary>Gradient buffers are kept all-zero between steps; only what a step wrote needs clearing.</summary>
    internal void ClearGradients()
    {
        var denseFrom = _layout.EmbeddingParameterCount;
        for (var p = 0; p < _partitions; p++)
        {
            _gradients[p].AsSpan(denseFrom).Clear();
            for (var t = 0; t < _touchedCount; t++)
            {
                _gradients[p].AsSpan(_touchedOffsets[t], _touchedLengths[t]).Clear();
            }
        }
    }

    /// <summary>Weighted mean loss (the training objective) and the scores of rows [start, start+count), in parallel.</summary>
    public double Evaluate(int start, int count, Span<float> scores)
    {
        var data = Data;
        var g = _groupSize;
        var output = new float[count];
        var losses = new double[_partitions];
        var weights = new double[_partitions];
        Parallel.For(0, _partitions, _parallel, p =>
        {
            var (fromGroup, groups) = Slice(count / g, _partitions, p);
            var (from, n) = (fromGroup * g, groups * g);
            var ws = _workspaces[p];
            var parameters = _network.Buffer;
            for (var done = 0; done < n; done += ws.Capacity)
            {
                var chunk = Math.Min(ws.Capacity, n - done);
                for (var r = 0; r < chunk; r++)
                {
                    var row = start + from + done + r;
                    NetworkKernels.AssembleRow(parameters, _layout, _spec, data.DenseRow(row), data.CategoricalRow(row), ws, r);
                }

                NetworkKernels.Forward(parameters, _layout, ws, chunk);
                var logits = ws.Logits(chunk);
                if (_softmax)
                {
                    for (var r = 0; r < chunk; r += g)
                    {
                        var (loss, weight) = GroupSoftmax(data, start + from + done + r, logits.Slice(r, g), [], 0);
                        losses[p] += loss;
                        weights[p] += weight;
                    }
                }
                else
                {
                    for (var r = 0; r < chunk; r++)
                    {
                        var row = start + from + done + r;
                        var w = data.Weight(row);
                        losses[p] += w * LogLoss(logits[r], data.Labels[row]);
                        weights[p] += w;
                    }
                }

                TensorPrimitives.Sigmoid(logits, output.AsSpan(from + done, chunk));
            }
        });

        output.CopyTo(scores);
        var lossSum = 0.0;
        var weightSum = 0.0;
        for (var p = 0; p < _partitions; p++)
        {
            lossSum += losses[p];
            weightSum += weights[p];
        }

        return weightSum > 0 ? lossSum / weightSum : double.NaN;
    }

    /// <summary>Numerically stable binary cross-entropy from a logit: max(z,0) - z*y + log(1 + e^-|z|).</summary>
    internal static double LogLoss(float logit, float label) =>
        Math.Max(logit, 0) - (double)logit * label + Math.Log(1 + Math.Exp(-Math.Abs((double)logit)));

    /// <summary>Contiguous slice p of n rows cut into parts: fixed by (n, parts, p) alone.</summary>
    internal static (int Start, int Count) Slice(int n, int parts, int p)
    {
        var start = (int)((long)n * p / parts);
        var end = (int)((long)n * (p + 1) / parts);
        return (start, end - start);
    }

    /// <summary>
    /// The softmax loss of the group whose rows are <paramref name="firstRow"/> onwards: -Σ w·y·log p over rows of
    /// nonzero weight, and Σ w·y. With a gradient span, also writes d(loss)/d(logit) times <paramref name="scale"/>
    /// (0 for masked rows).
    /// </summary>
    private static (double Loss, double Weight) GroupSoftmax(
        TrainingData data, int firstRow, ReadOnlySpan<float> logits, Span<float> gradients, double scale)
    {
        var g = logits.Length;
        var max = double.NegativeInfinity;
        var target = 0.0;
        for (var k = 0; k < g; k++)
        {
            var w = data.Weight(firstRow + k);
            if (w > 0)
            {
                max = Math.Max(max, logits[k]);
                target += w * data.Labels[firstRow + k];
            }
        }

        if (double.IsNegativeInfinity(max))
        {
            gradients.Clear();
            return (0, 0);
        }

        var sum = 0.0;
        for (var k = 0; k < g; k++)
        {
            sum += data.Weight(firstRow + k) > 0 ? Math.Exp(logits[k] - max) : 0;
        }

        var logSum = max + Math.Log(sum);
        var loss = 0.0;
        for (var k = 0; k < g; k++)
        {
            var w = data.Weight(firstRow + k);
            if (w <= 0)
            {
                if (!gradients.IsEmpty)
                {
                    gradients[k] = 0f;
                }

                continue;
            }

            var wy = w * data.Labels[firstRow + k];
            loss -= wy * (logits[k] - logSum);
            if (!gradients.IsEmpty)
            {
                gradients[k] = (float)(scale * (target * Math.Exp(logits[k] - logSum) - wy));
            }
        }

        return (loss, target);
    }

    private void TrainPartition(int p)
    {
        var data = Data;
        var g = _groupSize;
        var (fromGroup, groups) = Slice(_batchCount / g, _partitions, p);
        var (from, n) = (fromGroup * g, groups * g);
        if (n == 0)
        {
            _losses[p] = 0;
            return;
        }

        var ws = _workspaces[p];
        var parameters = _network.Buffer;
        for (var r = 0; r < n; r++)
        {
            var row = _rows[_batchStart + from + r];
            NetworkKernels.AssembleRow(parameters, _layout, _spec, data.DenseRow(row), data.CategoricalRow(row), ws, r);
        }

        NetworkKernels.Forward(parameters, _layout, ws, n);
        var logits = ws.Logits(n);
        var dLogits = _logitGradients[p];
        var loss = 0.0;
        if (_softmax)
        {
            // A group's rows are consecutive in the data and in the batch (TrainEpoch lays them out so).
            for (var r = 0; r < n; r += g)
            {
                var (groupLoss, _) = GroupSoftmax(data, _rows[_batchStart + from + r], logits.Slice(r, g), dLogits.AsSpan(r, g), 1.0 / _weightSum);
                loss += groupLoss / _weightSum;
            }
        }
        else
        {
            for (var r = 0; r < n; r++)
            {
                var row = _rows[_batchStart + from + r];
                var w = data.Weight(row);
                var y = data.Labels[row];
                var scale = (float)(w / _weightSum);
                dLogits[r] = scale * (Sigmoid(logits[r]) - y);
                loss += scale * LogLoss(logits[r], y);
            }
        }

        _losses[p] = loss;
        NetworkKernels.Backward(parameters, _layout, _spec, ws, n, dLogits, _gradients[p]);
    }

    private void CollectTouchedRows()
    {
        _stamp++;
        _touchedCount = 0;
        var c = _spec.CategoricalCount;
        for (var i = 0; i < _batchCount; i++)
        {
            var ids = Data.CategoricalRow(_rows[_batchStart + i]);
            for (var k = 0; k < c; k++)
            {
                var feature = _spec.Categorical[k];
                var id = NetworkKernels.SafeId(ids[k], feature.VocabularySize);
                if (_stamps[k][id] == _stamp)
                {
                    continue;
                }

                _stamps[k][id] = _stamp;
                _touchedOffsets[_touchedCount] = _layout.EmbeddingOffset(k) + id * feature.EmbeddingDim;
                _touchedLengths[_touchedCount] = feature.EmbeddingDim;
                _touchedCount++;
            }
        }
    }

    private static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));
}
