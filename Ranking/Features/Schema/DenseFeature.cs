namespace LeadRecs.Ranking.Features.Schema;

/// <summary>One float column of the model input. <see cref="Name"/> is what a schema and a manifest record.</summary>
public sealed record DenseFeature(DenseFeatureId Id, string Name, FeatureGroup Group, string Description);
