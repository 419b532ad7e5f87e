namespace LeadRecs.Ranking.Onnx;

/// <summary>
/// The serving contract of every LeadRecs ranking model, whoever produced it (our writer, tf2onnx, torch.onnx):
/// inputs <c>dense</c> float[N, D] and <c>categorical</c> int64[N, C], output <c>score</c> float[N, 1].
/// </summary>
public static class OnnxSignature
{
    public const string DenseInput = "dense";
    public const string CategoricalInput = "categorical";
    public const string ScoreOutput = "score";

    /// <summary>Symbolic batch dimension; ONNX Runtime reports it as -1.</summary>
    public const string BatchDimension = "N";

    public const int OpsetVersion = 17;
    public const long IrVersion = 8;

    /// <summary>Metadata property keys (ModelProto.metadata_props).</summary>
    public const string ModelNameKey = "model_name";
    public const string ModelVersionKey = "model_version";
    public const string SchemaVersionKey = "schema_version";
    public const string CategoricalFeaturesKey = "categorical_features";
}
