namespace LeadRecs.Ranking.Model;

/// <summary>
/// The ranking network: concat(dense, embedding per categorical id) → ReLU MLP → one logit → sigmoid.
/// Parameters live in one flat float buffer (see <see cref="ParameterLayout"/>); groups are exposed as spans.
/// Not thread-safe while training mutates it; <see cref="Predict"/> on a network nobody trains is.
/// </summary>
public sealed class RankingNetwork
{
    private const int PredictChunk = 256;

    private readonly float[] _parameters;

    /// <summary>A freshly initialised network; the same spec (including seed) gives identical weights.</summary>
    public RankingNetwork(ModelSpec spec)
    {
        Spec = spec;
        Layout = new ParameterLayout(spec);
        _parameters = new float[Layout.TotalCount];
        Initialise(new SplitMix64((ulong)spec.Seed));
    }

    private RankingNetwork(ModelSpec spec, ParameterLayout layout, float[] parameters)
    {
        Spec = spec;
        Layout = layout;
        _parameters = parameters;
    }

    public ModelSpec Spec { get; }

    public int LayerCount => Layout.LayerCount;

    public int ParameterCount => _parameters.Length;

    /// <summary>All parameters in layout order: embeddings, then per layer weights [out, in] and bias.</summary>
    public ReadOnlySpan<float> Parameters => _parameters;

    internal ParameterLayout Layout { get; }

    internal float[] Buffer => _parameters;

    public static RankingNetwork FromParameters(ModelSpec spec, ReadOnlySpan<float> parameters)
    {
        var layout = new ParameterLayout(spec);
        if (parameters.Length != layout.TotalCount)
        {
            throw new ArgumentException(
                $"Expected {layout.TotalCount} parameters for this spec, got {parameters.Length}.", nameof(parameters));
        }

        return new RankingNetwork(spec, layout, parameters.ToArray());
    }

    /// <summary>Embedding table of categorical column c, row-major [vocabulary, dim].</summary>
    public ReadOnlySpan<float> Embedding(int column)
    {
        var feature = Spec.Categorical[column];
        return _parameters.AsSpan(Layout.EmbeddingOffset(column), feature.VocabularySize * feature.EmbeddingDim);
    }

    /// <summary>Weights of layer l, row-major [out, in]; the last layer has out = 1.</summary>
    public ReadOnlySpan<float> Weights(int layer) => _parameters.AsSpan(Layout.WeightOffset(layer), Layout.WeightCount(layer));

    public ReadOnlySpan<float> Bias(int layer) => _parameters.AsSpan(Layout.BiasOffset(layer), Layout.LayerOutputs[layer]);

    /// <summary>(out, in) of layer l.</summary>
    public (int Outputs, int Inputs) LayerShape(int layer) => (Layout.LayerOutputs[layer], Layout.LayerInputs[layer]);

    public RankingNetwork Clone() => new(Spec, Layout, (float[])_parameters.Clone());

    /// <summary>
    /// Scores rows: dense is row-major [rows, DenseWidth], categorical row-major [rows, CategoricalCount];
    /// ids outside a vocabulary count as unknown (0). Writes sigmoid(logit) per row.
    /// </summary>
    public void Predict(ReadOnlySpan<float> dense, ReadOnlySpan<int> categorical, int rows, Span<float> scores) =>
        Run(dense, categorical, rows, scores, sigmoid: true);

    /// <summary>
    /// As <see cref="Predict"/> but writes the logit itself: for ranking, where only the order counts and a sigmoid
    /// in float would turn large logits into ties at 1 (a softmax-trained network has no reason to keep them small).
    /// </summary>
    public void PredictLogits(ReadOnlySpan<float> dense, ReadOnlySpan<int> categorical, int rows, Span<float> logits) =>
        Run(dense, categorical, rows, logits, sigmoid: false);

    private void Run(ReadOnlySpan<float> dense, ReadOnlySpan<int> categorical, int rows, Span<float> scores, bool sigmoid)
    {
        var d = Spec.DenseWidth;
        var c = Spec.CategoricalCount;
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (dense.Length < rows * d || categorical.Length < rows * c || scores.Length < rows)
        {
            throw new ArgumentException($"Buffers too small for {rows} rows of {d} dense and {c} categorical values.");
        }

        var ws = new Workspace(Layout, c, Math.Min(Math.Max(rows, 1), PredictChunk));
        for (var start = 0; start < rows; start += ws.Capacity)
        {
            var n = Math.Min(ws.Capacity, rows - start);
            for (var r = 0; r < n; r++)
            {
                var row = start + r;
                NetworkKernels.AssembleRow(_parameters, Layout, Spec, dense.Slice(row * d, d), categorical.Slice(row * c, c), ws, r);
            }

            NetworkKernels.Forward(_parameters, Layout, ws, n);
            if (sigmoid)
            {
                System.Numerics.Tensors.TensorPrimitives.Sigmoid(ws.Logits(n), scores.Slice(start, n));
            }
            else
            {
                ws.Logits(n).CopyTo(scores.Slice(start, n));
            }
        }
    }

    internal void CopyParametersFrom(RankingNetwork other) => other._parameters.AsSpan().CopyTo(_parameters);

    private void Initialise(SplitMix64 random)
    {
        // Small embeddings so untrained categories start near neutral; He-normal for ReLU layers and
        // Glorot-style for the linear output keep early activations at a sane scale. Biases start at zero.
        for (var k = 0; k < Spec.CategoricalCount; k++)
        {
            var table = _parameters.AsSpan(Layout.EmbeddingOffset(k), Spec.Categorical[k].VocabularySize * Spec.Categorical[k].EmbeddingDim);
            Fill(table, random, 0.05);
        }

        for (var l = 0; l < Layout.LayerCount; l++)
        {
            var fanIn = Layout.LayerInputs[l];
            var std = l < Layout.LayerCount - 1 ? Math.Sqrt(2.0 / fanIn) : Math.Sqrt(1.0 / fanIn);
            Fill(_parameters.AsSpan(Layout.WeightOffset(l), Layout.WeightCount(l)), random, std);
        }
    }

    private static void Fill(Span<float> values, SplitMix64 random, double std)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextGaussian() * std);
        }
    }
}
