namespace LeadRecs.Ranking.Features.Schema;

/// <summary>Every categorical feature this build can compute; the same rules as <see cref="DenseFeatureId"/>.</summary>
public enum CategoricalFeatureId
{
    LeadKind,
    LeadPriceBand,
    LeadGeoBucket,
}
