namespace LeadRecs.Ranking.Model;

/// <summary>
/// One categorical input: ids in [0, <see cref="VocabularySize"/>) map to a learned embedding row.
/// Id 0 is reserved for unknown; any id outside the range is treated as 0 by training and serving alike.
/// </summary>
public sealed record CategoricalFeatureSpec(string Name, int VocabularySize, int EmbeddingDim);
