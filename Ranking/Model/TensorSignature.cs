namespace LeadRecs.Ranking.Model;

/// <summary>One model input or output: name, element type ("float", "int64") and shape, -1 for the batch dimension.</summary>
public sealed record TensorSignature(string Name, string ElementType, IReadOnlyList<long> Shape);
