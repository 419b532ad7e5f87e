using System.Collections.Concurrent;
using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Drift;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Features.Schema;
using LeadRecs.Ranking.Model;

namespace LeadRecs.Ranking.Scoring;

/// <summary>
/// The trained model behind the scorer seam: candidates are vectorised with the feature schema version the
/// model was trained on (from its manifest, whatever the latest version is) and scored by ONNX Runtime.
/// Thread-safe; input buffers are pooled, so steady-state scoring allocates only the per-call user context.
/// Features are computed as of the profile's <see cref="UserProfile.AsOf"/>, the moment of the request.
/// </summary>
public sealed class DeepScorer : ILeadScorer, IDisposable
{
    /// <summary>Rows vectorised and run per ONNX call; a typical candidate list fits in one.</summary>
    public const int DefaultChunkRows = 1024;

    /// <summary>The drift monitor reads one row in this many: a few per request is plenty for a PSI over hours of traffic.</summary>
    public const int DriftSampleEveryNthRow = 8;

    private readonly OnnxScorer _onnx;
    private readonly int _chunkRows;
    private readonly ConcurrentBag<InputBuffers> _buffers = [];

    public DeepScorer(ModelArtifact artifact, int chunkRows = DefaultChunkRows)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        Manifest = artifact.Manifest;
        Vectorizer = FeatureVectorizer.For(Manifest.SchemaVersion);
        Manifest.Baseline?.Validate(Vectorizer.Schema); // before the session exists, so a refusal leaks nothing
        _chunkRows = chunkRows;
        _onnx = new OnnxScorer(artifact.OnnxBytes(), chunkRows);
        if (_onnx.DenseWidth != Vectorizer.DenseWidth || _onnx.CategoricalCount != Vectorizer.CategoricalCount)
        {
            _onnx.Dispose();
            throw new InvalidDataException(
                $"Model {Manifest.ModelName} {Manifest.ModelVersion} takes {_onnx.DenseWidth} dense and {_onnx.CategoricalCount} categorical inputs; "
                + $"schema {Vectorizer.Schema.Version} has {Vectorizer.DenseWidth} and {Vectorizer.CategoricalCount}.");
        }
        Model = new ModelIdentity(Manifest.ModelName, Manifest.ModelVersion);
        Drift = Manifest.Baseline is null
            ? null
            : new DriftMonitor(Manifest.Baseline, new DriftMonitorOptions { SampleEveryNthRow = DriftSampleEveryNthRow });
    }

    public ModelIdentity Model { get; }

    public ModelManifest Manifest { get; }

    public FeatureVectorizer Vectorizer { get; }

    /// <summary>Watches the vectorised rows against the manifest's training baseline; null when the manifest has none.</summary>
    public DriftMonitor? Drift { get; }

    public void Score(UserProfile user, IReadOnlyList<LeadCandidate> candidates, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(candidates);
        if (scores.Length < candidates.Count)
        {
            throw new ArgumentException("There must be a score slot for every candidate.", nameof(scores));
        }
        if (candidates.Count == 0)
        {
            return;
        }

        var context = UserFeatureContext.From(user, user.AsOf);
        var d = Vectorizer.DenseWidth;
        var c = Vectorizer.CategoricalCount;
        var buffers = _buffers.TryTake(out var pooled) ? pooled : new InputBuffers(_chunkRows * d, _chunkRows * c);
        try
        {
            for (var start = 0; start < candidates.Count; start += _chunkRows)
            {
                var n = Math.Min(_chunkRows, candidates.Count - start);
                for (var r = 0; r < n; r++)
                {
                    Vectorizer.Vectorize(context, candidates[start + r], buffers.Dense.AsSpan(r * d, d), buffers.Categorical.AsSpan(r * c, c));
                }
                Drift?.Observe(buffers.Dense.AsSpan(0, n * d), n, d);
                _onnx.Score(buffers.Dense.AsSpan(0, n * d), buffers.Categorical.AsSpan(0, n * c), n, scores.Slice(start, n));
            }
        }
        finally
        {
            _buffers.Add(buffers);
        }
    }

    /// <summary>
    /// Scores inputs that are already vectorised in this model's schema (dense [rows, DenseWidth], categorical
    /// [rows, CategoricalCount]), e.g. for clients that call the model directly.
    /// </summary>
    public void ScoreRows(ReadOnlySpan<float> dense, ReadOnlySpan<int> categorical, int rows, Span<float> scores) =>
        _onnx.Score(dense, categorical, rows, scores);

    /// <summary>First-call costs (graph initialisation, buffers) paid before the scorer takes traffic.</summary>
    public void Warmup() => _onnx.Warmup();

    /// <summary>Frees the ONNX session once calls in flight have finished.</summary>
    public void Dispose() => _onnx.Dispose();

    private sealed class InputBuffers(int dense, int categorical)
    {
        public float[] Dense { get; } = new float[dense];

        public int[] Categorical { get; } = new int[categorical];
    }
}
