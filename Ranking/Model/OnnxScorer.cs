using System.Collections.Concurrent;
using LeadRecs.Ranking.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LeadRecs.Ranking.Model;

/// <summary>
/// Scores candidates with an ONNX model of the <see cref="OnnxSignature"/> through one shared ONNX Runtime
/// session. Safe for concurrent callers: <c>Run</c> is thread-safe and each caller borrows its own pinned
/// buffers. <see cref="Dispose"/> frees native memory only after calls in flight have finished.
/// </summary>
public sealed class OnnxScorer : IDisposable
{
    public const int DefaultMaxBatchRows = 2048;

    private static readonly string[] InputNames = [OnnxSignature.DenseInput, OnnxSignature.CategoricalInput];
    private static readonly string[] OutputNames = [OnnxSignature.ScoreOutput];

    private readonly InferenceSession _session;
    private readonly int _maxBatchRows;

    // ConcurrentBag hands a thread back the buffers it returned last, so in steady state buffers are per thread.
    private readonly ConcurrentBag<ScoringBuffers> _buffers = [];
    private int _leases = 1; // the owner's lease, dropped by Dispose; each Score call holds one more
    private int _disposed;

    private static int s_liveSessions;

    /// <summary>ONNX Runtime sessions created and not yet freed in this process: what hot swaps must not leak.</summary>
    public static int LiveSessions => Volatile.Read(ref s_liveSessions);

    public OnnxScorer(byte[] onnxModel, int maxBatchRows = DefaultMaxBatchRows)
    {
        ArgumentNullException.ThrowIfNull(onnxModel);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchRows, 1);
        _maxBatchRows = maxBatchRows;

        // One thread per Run: measured stable and fastest for a few hundred candidates, and concurrency
        // comes from concurrent requests rather than from ORT's own pool fighting them for 2 cores.
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(onnxModel, options);
        Interlocked.Increment(ref s_liveSessions);
        try
        {
            DenseWidth = Width(_session.InputMetadata, OnnxSignature.DenseInput, TensorElementType.Float);
            CategoricalCount = Width(_session.InputMetadata, OnnxSignature.CategoricalInput, TensorElementType.Int64);
            if (Width(_session.OutputMetadata, OnnxSignature.ScoreOutput, TensorElementType.Float) != 1)
            {
                throw new ArgumentException("Output 'score' must be float[N, 1].", nameof(onnxModel));
            }

            Metadata = new Dictionary<string, string>(_session.ModelMetadata.CustomMetadataMap);
        }
        catch
        {
            _session.Dispose();
            Interlocked.Decrement(ref s_liveSessions);
            throw;
        }
    }

    public int DenseWidth { get; }

    public int CategoricalCount { get; }

    /// <summary>The model's metadata_props (model_name, model_version, schema_version, ...).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>
    /// Scores rows: dense row-major [rows, DenseWidth], categorical row-major [rows, CategoricalCount].
    /// Ids outside a vocabulary score as unknown (the graph maps them to 0). More rows than the buffer
    /// capacity are scored in chunks.
    /// </summary>
    public void Score(ReadOnlySpan<float> dense, ReadOnlySpan<int> categorical, int rows, Span<float> scores)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (dense.Length < rows * DenseWidth || categorical.Length < rows * CategoricalCount || scores.Length < rows)
        {
            throw new ArgumentException($"Buffers too small for {rows} rows of {DenseWidth} dense and {CategoricalCount} categorical values.");
        }

        if (rows == 0)
        {
            return;
        }

        AcquireLease();
        var buffers = _buffers.TryTake(out var pooled) ? pooled : new ScoringBuffers(_maxBatchRows, DenseWidth, CategoricalCount);
        try
        {
            for (var start = 0; start < rows; start += buffers.Capacity)
            {
                var n = Math.Min(buffers.Capacity, rows - start);
                dense.Slice(start * DenseWidth, n * DenseWidth).CopyTo(buffers.Dense);
                var ids = categorical.Slice(start * CategoricalCount, n * CategoricalCount);
                for (var i = 0; i < ids.Length; i++)
                {
                    buffers.Categorical[i] = ids[i];
                }

                Run(buffers, n);
                buffers.Scores.AsSpan(0, n).CopyTo(scores.Slice(start, n));
            }
        }
        finally
        {
            _buffers.Add(buffers);
            ReleaseLease();
        }
    }

    /// <summary>Runs a dummy batch so graph initialisation and first-call allocation happen before live traffic.</summary>
    public void Warmup(int rows = 64)
    {
        rows = Math.Clamp(rows, 1, _maxBatchRows);
        Score(new float[rows * DenseWidth], new int[rows * CategoricalCount], rows, new float[rows]);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            ReleaseLease();
        }
    }

    private void Run(ScoringBuffers buffers, int rows)
    {
        var memory = OrtMemoryInfo.DefaultInstance;
        using var dense = OrtValue.CreateTensorValueFromMemory(memory, buffers.Dense.AsMemory(0, rows * DenseWidth), [rows, DenseWidth]);
        using var ids = OrtValue.CreateTensorValueFromMemory(memory, buffers.Categorical.AsMemory(0, rows * CategoricalCount), [rows, CategoricalCount]);
        using var score = OrtValue.CreateTensorValueFromMemory(memory, buffers.Scores.AsMemory(0, rows), [rows, 1]);
        _session.Run(buffers.RunOptions, InputNames, [dense, ids], OutputNames, [score]);
    }

    private void AcquireLease()
    {
        while (true)
        {
            var leases = Volatile.Read(ref _leases);
            ObjectDisposedException.ThrowIf(leases == 0 || Volatile.Read(ref _disposed) != 0, this);
            if (Interlocked.CompareExchange(ref _leases, leases + 1, leases) == leases)
            {
                return;
            }
        }
    }

    private void ReleaseLease()
    {
        if (Interlocked.Decrement(ref _leases) != 0)
        {
            return;
        }

        _session.Dispose();
        Interlocked.Decrement(ref s_liveSessions);
        while (_buffers.TryTake(out var buffers))
        {
            buffers.Dispose();
        }
    }

    private static int Width(IReadOnlyDictionary<string, NodeMetadata> metadata, string name, TensorElementType type)
    {
        if (!metadata.TryGetValue(name, out var node) || !node.IsTensor || node.ElementDataType != type
            || node.Dimensions.Length != 2 || node.Dimensions[1] < 1)
        {
            throw new ArgumentException($"The model needs a tensor '{name}' of {type} with shape [N, width].");
        }

        return node.Dimensions[1];
    }
}
