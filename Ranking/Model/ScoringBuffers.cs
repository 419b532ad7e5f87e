using Microsoft.ML.OnnxRuntime;

namespace LeadRecs.Ranking.Model;

/// <summary>
/// One caller's input/output memory for <see cref="OnnxScorer"/>: arrays on the pinned object heap, so ONNX
/// Runtime reads and writes them in place without per-call pinning or copies into native memory.
/// </summary>
internal sealed class ScoringBuffers : IDisposable
{
    public ScoringBuffers(int capacity, int denseWidth, int categoricalCount)
    {
        Capacity = capacity;
        Dense = GC.AllocateArray<float>(capacity * denseWidth, pinned: true);
        Categorical = GC.AllocateArray<long>(capacity * categoricalCount, pinned: true);
        Scores = GC.AllocateArray<float>(capacity, pinned: true);
    }

    public int Capacity { get; }

    public float[] Dense { get; }

    public long[] Categorical { get; }

    public float[] Scores { get; }

    /// <summary>Per caller because terminate flags and log settings on RunOptions are per run.</summary>
    public RunOptions RunOptions { get; } = new();

    public void Dispose() => RunOptions.Dispose();
}
