namespace LeadRecs.Ranking.Model;

/// <summary>
/// A matrix-factorisation term of <see cref="ModelSpec.DotProducts"/>: the dot product of the embeddings of
/// categorical columns <paramref name="Left"/> and <paramref name="Right"/> (same dimension) added to the logit.
/// </summary>
public sealed record EmbeddingDotProduct(int Left, int Right);
