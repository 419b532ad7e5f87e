namespace LeadRecs.Ranking.Experiments;

/// <summary>One arm of a traffic split: its name (stable, canary), the model version it serves and its share of users in [0, 1].</summary>
public sealed record VariantWeight(string Variant, string Version, double Weight);
