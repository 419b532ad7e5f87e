namespace LeadRecs.Ranking.Model;

/// <summary>
/// Shape of a <see cref="RankingNetwork"/>: dense width, categorical embeddings, hidden layer sizes and the
/// initialisation seed. Independent of the feature schema, which only has to agree on the column order.
/// <see cref="DotProducts"/> (optional) adds embedding dot products to the MLP's logit: the two-tower,
/// matrix-factorisation part of the model, which an MLP over concatenated embeddings learns only poorly.
/// </summary>
public sealed record ModelSpec(
    int DenseWidth,
    IReadOnlyList<CategoricalFeatureSpec> Categorical,
    IReadOnlyList<int> HiddenSizes,
    int Seed = 1,
    IReadOnlyList<EmbeddingDotProduct>? DotProducts = null)
{
    public int CategoricalCount => Categorical.Count;

    /// <summary>Width of concat(dense, embeddings), the first layer's input.</summary>
    public int InputWidth => DenseWidth + Categorical.Sum(c => c.EmbeddingDim);

    /// <summary>Value equality over the lists too (a record compares list references by default).</summary>
    public bool Equals(ModelSpec? other) =>
        other is not null
        && DenseWidth == other.DenseWidth
        && Seed == other.Seed
        && Categorical.SequenceEqual(other.Categorical)
        && HiddenSizes.SequenceEqual(other.HiddenSizes)
        && (DotProducts ?? []).SequenceEqual(other.DotProducts ?? []);

    public override int GetHashCode() => HashCode.Combine(DenseWidth, Seed, Categorical.Count, HiddenSizes.Count);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first thing that cannot be built.</summary>
    public void Validate()
    {
        // The ONNX signature always has both inputs; a zero-width tensor would be legal but useless and
        // untested, so both kinds of input are required.
        if (DenseWidth < 1)
        {
            throw new ArgumentException("DenseWidth must be at least 1.", nameof(DenseWidth));
        }

        if (Categorical is null || Categorical.Count < 1)
        {
            throw new ArgumentException("At least one categorical feature is required.", nameof(Categorical));
        }

        foreach (var c in Categorical)
        {
            if (c.VocabularySize < 1 || c.EmbeddingDim < 1 || string.IsNullOrWhiteSpace(c.Name))
            {
                throw new ArgumentException(
                    $"Categorical '{c.Name}' needs a name, VocabularySize >= 1 and EmbeddingDim >= 1.", nameof(Categorical));
            }
        }

        if (HiddenSizes is null || HiddenSizes.Any(h => h < 1))
        {
            throw new ArgumentException("Hidden layer sizes must be >= 1 (an empty list is a linear model).", nameof(HiddenSizes));
        }

        foreach (var dot in DotProducts ?? [])
        {
            if (dot is null || (uint)dot.Left >= (uint)Categorical.Count || (uint)dot.Right >= (uint)Categorical.Count
                || Categorical[dot.Left].EmbeddingDim != Categorical[dot.Right].EmbeddingDim)
            {
                throw new ArgumentException($"Dot product {dot} needs two categorical columns of the same embedding dimension.", nameof(DotProducts));
            }
        }
    }
}
