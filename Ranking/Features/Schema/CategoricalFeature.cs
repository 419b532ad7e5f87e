namespace LeadRecs.Ranking.Features.Schema;

/// <summary>
/// One id column of the model input, embedded by the network. Ids are in [1, <see cref="VocabularySize"/>);
/// 0 is reserved for "unknown", as the model core requires.
/// </summary>
public sealed record CategoricalFeature(
    CategoricalFeatureId Id, string Name, FeatureGroup Group, int VocabularySize, int EmbeddingDim, string Description);
