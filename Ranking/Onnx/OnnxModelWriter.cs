using System.Globalization;
using Google.Protobuf;
using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Onnx.Proto;
using static LeadRecs.Ranking.Onnx.OnnxGraphBuilder;
using DataType = LeadRecs.Ranking.Onnx.Proto.TensorProto.Types.DataType;

namespace LeadRecs.Ranking.Onnx;

/// <summary>
/// Writes a <see cref="RankingNetwork"/> as an ONNX model (IR 8, opset 17) with the <see cref="OnnxSignature"/>.
/// Per categorical column c: Gather(categorical, c, axis 1) → out-of-vocabulary ids to 0 → Gather(embedding_c);
/// then Concat(dense, embeddings) → Gemm+Relu per hidden layer → Gemm (+ ReduceSum(Mul(left, right)) per
/// embedding dot product of the spec) → Sigmoid.
/// </summary>
/// <remarks>
/// Out-of-range ids are handled inside the graph, so any caller (not only <see cref="Model.OnnxScorer"/>) is safe:
/// Gather fails on an index past the table and reads negative indices from the end. Clip on int64 is legal
/// since opset 12, but clamping would send an unseen id to the last real bucket; instead
/// Where(0 &lt;= id &lt; V, id, 0) maps it to the reserved unknown row, exactly as the trainer does.
/// </remarks>
public static class OnnxModelWriter
{
    public static byte[] Write(RankingNetwork network, OnnxModelInfo info) => Build(network, info).ToByteArray();

    internal static ModelProto Build(RankingNetwork network, OnnxModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(info);
        var spec = network.Spec;
        var g = new OnnxGraphBuilder(info.ModelName);
        const string N = OnnxSignature.BatchDimension;
        g.Input(OnnxSignature.DenseInput, DataType.Float, N, spec.DenseWidth);
        g.Input(OnnxSignature.CategoricalInput, DataType.Int64, N, spec.CategoricalCount);
        g.Output(OnnxSignature.ScoreOutput, DataType.Float, N, 1);

        var zero = g.Int64Scalar("zero", 0);
        var concatInputs = new List<string> { OnnxSignature.DenseInput };
        var embedded = new string[spec.CategoricalCount];
        for (var c = 0; c < spec.CategoricalCount; c++)
        {
            var feature = spec.Categorical[c];
            var table = g.FloatInitializer($"embedding_{c}", network.Embedding(c), feature.VocabularySize, feature.EmbeddingDim);
            var ids = g.Node("Gather", $"ids_{c}", [OnnxSignature.CategoricalInput, g.Int64Scalar($"column_{c}", c)], [IntAttribute("axis", 1)]);
            var nonNegative = g.Node("GreaterOrEqual", $"ids_{c}_ge0", ids, zero);
            var belowVocabulary = g.Node("Less", $"ids_{c}_ltv", ids, g.Int64Scalar($"vocabulary_{c}", feature.VocabularySize));
            var known = g.Node("And", $"ids_{c}_known", nonNegative, belowVocabulary);
            var safe = g.Node("Where", $"ids_{c}_safe", known, ids, zero);
            embedded[c] = g.Node("Gather", $"embedded_{c}", [table, safe], [IntAttribute("axis", 0)]);
            concatInputs.Add(embedded[c]);
        }

        var h = g.Node("Concat", "features", [.. concatInputs], [IntAttribute("axis", 1)]);
        for (var l = 0; l < network.LayerCount; l++)
        {
            var (outputs, inputs) = network.LayerShape(l);
            var w = g.FloatInitializer($"weight_{l}", network.Weights(l), outputs, inputs);
            var b = g.FloatInitializer($"bias_{l}", network.Bias(l), outputs);
            var last = l == network.LayerCount - 1;
            var z = g.Node("Gemm", last ? "logit" : $"linear_{l}", [h, w, b], [IntAttribute("transB", 1)]);
            h = last ? z : g.Node("Relu", $"hidden_{l}", z);
        }

        var dots = spec.DotProducts ?? [];
        if (dots.Count > 0)
        {
            var axes = g.Int64Vector("dot_axes", 1);
            for (var d = 0; d < dots.Count; d++)
            {
                var products = g.Node("Mul", $"dot_{d}_products", embedded[dots[d].Left], embedded[dots[d].Right]);
                var dot = g.Node("ReduceSum", $"dot_{d}", [products, axes], [IntAttribute("keepdims", 1)]);
                h = g.Node("Add", $"logit_dot_{d}", h, dot);
            }
        }

        g.Node("Sigmoid", OnnxSignature.ScoreOutput, h);
        g.Graph.DocString = "Ids outside [0, vocabulary) of a categorical column are treated as 0 (unknown).";

        var model = new ModelProto
        {
            IrVersion = OnnxSignature.IrVersion,
            ProducerName = "LeadRecs",
            ProducerVersion = typeof(OnnxModelWriter).Assembly.GetName().Version?.ToString() ?? "0",
            Domain = "leadrecs",
            DocString = info.Description ?? string.Empty,
            Graph = g.Graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OnnxSignature.OpsetVersion });
        if (long.TryParse(info.ModelVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var numericVersion))
        {
            model.ModelVersion = numericVersion; // the proto field is int64; the string in metadata is authoritative
        }

        AddMetadata(model, OnnxSignature.ModelNameKey, info.ModelName);
        AddMetadata(model, OnnxSignature.ModelVersionKey, info.ModelVersion);
        AddMetadata(model, OnnxSignature.SchemaVersionKey, info.SchemaVersion);
        AddMetadata(model, OnnxSignature.CategoricalFeaturesKey,
            string.Join(',', spec.Categorical.Select(f => $"{f.Name}:{f.VocabularySize}:{f.EmbeddingDim}")));
        return model;
    }

    private static void AddMetadata(ModelProto model, string key, string value) =>
        model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
}
