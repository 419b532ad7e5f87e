namespace LeadRecs.Ranking.Model;

/// <summary>
/// Already-vectorised training rows in contiguous arrays (row-major), so a million rows are a few flat
/// allocations rather than a million objects. Labels are in [0, 1]; weights are optional (1 when absent).
/// The trainer holds out the last rows for validation, so order rows by time when they have one.
/// </summary>
public sealed class TrainingData
{
    public TrainingData(int denseWidth, int categoricalCount, float[] dense, int[] categorical, float[] labels, float[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(dense);
        ArgumentNullException.ThrowIfNull(categorical);
        ArgumentNullException.ThrowIfNull(labels);
        Rows = labels.Length;
        if (dense.Length != (long)Rows * denseWidth)
        {
            throw new ArgumentException($"dense has {dense.Length} values; expected {Rows} rows x {denseWidth}.", nameof(dense));
        }

        if (categorical.Length != (long)Rows * categoricalCount)
        {
            throw new ArgumentException($"categorical has {categorical.Length} values; expected {Rows} rows x {categoricalCount}.", nameof(categorical));
        }

        if (weights is not null && weights.Length != Rows)
        {
            throw new ArgumentException($"weights has {weights.Length} values; expected {Rows}.", nameof(weights));
        }

        DenseWidth = denseWidth;
        CategoricalCount = categoricalCount;
        Dense = dense;
        Categorical = categorical;
        Labels = labels;
        Weights = weights;
    }

    public int Rows { get; }

    public int DenseWidth { get; }

    public int CategoricalCount { get; }

    /// <summary>Row-major [Rows, DenseWidth].</summary>
    public float[] Dense { get; }

    /// <summary>Row-major [Rows, CategoricalCount]; 0 = unknown.</summary>
    public int[] Categorical { get; }

    public float[] Labels { get; }

    public float[]? Weights { get; }

    /// <summary>Zero-filled arrays for a builder to write into.</summary>
    public static TrainingData Allocate(int rows, int denseWidth, int categoricalCount, bool withWeights = false) =>
        new(denseWidth, categoricalCount, new float[rows * denseWidth], new int[rows * categoricalCount], new float[rows],
            withWeights ? new float[rows] : null);

    public Span<float> DenseRow(int row) => Dense.AsSpan(row * DenseWidth, DenseWidth);

    public Span<int> CategoricalRow(int row) => Categorical.AsSpan(row * CategoricalCount, CategoricalCount);

    public float Weight(int row) => Weights is null ? 1f : Weights[row];

    public int PositiveCount() => Labels.Count(l => l >= 0.5f);
}
