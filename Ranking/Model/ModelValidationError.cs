namespace LeadRecs.Ranking.Model;

/// <summary>One reason an uploaded model was refused: the field at fault ("onnx", "manifest.schemaVersion", …) and a short message.</summary>
public sealed record ModelValidationError(string Field, string Message);
