namespace LeadRecs.Ranking.Onnx;

/// <summary>Identity written into an exported model's metadata_props, so a loaded session can say what it is.</summary>
public sealed record OnnxModelInfo(
    string ModelName,
    string ModelVersion,
    string SchemaVersion,
    string? Description = null);
