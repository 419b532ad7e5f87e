namespace LeadRecs.Ranking.Model;

/// <summary>
/// Where each parameter group lives in the network's single flat float buffer. One buffer makes the
/// optimiser, best-weights snapshots and determinism checks single array operations.
/// Order: embedding tables (row-major [vocab, dim]), then per layer weights ([out, in], the layout of
/// ONNX Gemm with transB = 1) followed by its bias.
/// </summary>
internal sealed class ParameterLayout
{
    private readonly int[] _embeddingOffsets;
    private readonly int[] _weightOffsets;
    private readonly int[] _biasOffsets;

    public ParameterLayout(ModelSpec spec)
    {
        spec.Validate();
        var c = spec.CategoricalCount;
        _embeddingOffsets = new int[c];
        EmbeddingColumnOffsets = new int[c];
        var offset = 0;
        var column = spec.DenseWidth;
        for (var i = 0; i < c; i++)
        {
            _embeddingOffsets[i] = offset;
            EmbeddingColumnOffsets[i] = column;
            checked
            {
                offset += spec.Categorical[i].VocabularySize * spec.Categorical[i].EmbeddingDim;
            }

            column += spec.Categorical[i].EmbeddingDim;
        }

        EmbeddingParameterCount = offset;
        DotProducts = (spec.DotProducts ?? [])
            .Select(d => (EmbeddingColumnOffsets[d.Left], EmbeddingColumnOffsets[d.Right], spec.Categorical[d.Left].EmbeddingDim))
            .ToArray();

        var layers = spec.HiddenSizes.Count + 1;
        LayerInputs = new int[layers];
        LayerOutputs = new int[layers];
        _weightOffsets = new int[layers];
        _biasOffsets = new int[layers];
        for (var l = 0; l < layers; l++)
        {
            LayerInputs[l] = l == 0 ? spec.InputWidth : spec.HiddenSizes[l - 1];
            LayerOutputs[l] = l == layers - 1 ? 1 : spec.HiddenSizes[l];
            _weightOffsets[l] = offset;
            checked
            {
                offset += LayerInputs[l] * LayerOutputs[l];
            }

            _biasOffsets[l] = offset;
            offset += LayerOutputs[l];
        }

        TotalCount = offset;
    }

    public int TotalCount { get; }

    /// <summary>Embeddings occupy [0, EmbeddingParameterCount); everything after is dense MLP parameters.</summary>
    public int EmbeddingParameterCount { get; }

    public int LayerCount => LayerInputs.Length;

    public int[] LayerInputs { get; }

    public int[] LayerOutputs { get; }

    /// <summary>Column of the first-layer input where embedding c starts (after the dense block).</summary>
    public int[] EmbeddingColumnOffsets { get; }

    /// <summary>Per <see cref="ModelSpec.DotProducts"/> entry: the input columns of its two embeddings and their width.</summary>
    public (int LeftColumn, int RightColumn, int Dim)[] DotProducts { get; }

    public int EmbeddingOffset(int column) => _embeddingOffsets[column];

    public int WeightOffset(int layer) => _weightOffsets[layer];

    public int BiasOffset(int layer) => _biasOffsets[layer];

    public int WeightCount(int layer) => LayerInputs[layer] * LayerOutputs[layer];

    public int MaxLayerWidth => Math.Max(LayerOutputs.Max(), LayerInputs.Max());
}
