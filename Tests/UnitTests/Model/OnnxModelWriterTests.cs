using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Onnx.Proto;
using LeadRecs.Ranking.Onnx;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace LeadRecs.UnitTests.Model;

public sealed class OnnxModelWriterTests
{
    private static readonly OnnxModelInfo Info = new("lead-ranker", "42", "features-v3", "test model");

    [Fact]
    public void Writes_opset_17_ir_8_with_the_serving_signature_and_metadata()
    {
        var network = new RankingNetwork(SyntheticData.TinySpec());

        var model = ModelProto.Parser.ParseFrom(OnnxModelWriter.Write(network, Info));

        Assert.Equal(8, model.IrVersion);
        Assert.Equal(17, Assert.Single(model.OpsetImport).Version);
        Assert.Equal(42, model.ModelVersion);
        Assert.Equal(["dense", "categorical"], model.Graph.Input.Select(i => i.Name));
        Assert.Equal("score", Assert.Single(model.Graph.Output).Name);
        Assert.All(model.Graph.Input.Concat(model.Graph.Output), v => Assert.Equal("N", v.Type.TensorType.Shape.Dim[0].DimParam));
        Assert.Equal((int)TensorProto.Types.DataType.Int64, model.Graph.Input[1].Type.TensorType.ElemType);
        var metadata = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("lead-ranker", metadata["model_name"]);
        Assert.Equal("42", metadata["model_version"]);
        Assert.Equal("features-v3", metadata["schema_version"]);
        Assert.Equal("a:4:2,b:5:3", metadata["categorical_features"]);
        Assert.Equal(
            ["Gather", "GreaterOrEqual", "Less", "And", "Where", "Gather", "Gather", "GreaterOrEqual", "Less", "And", "Where", "Gather",
             "Concat", "Gemm", "Relu", "Gemm", "Relu", "Gemm", "Sigmoid"],
            model.Graph.Node.Select(n => n.OpType));
    }

    [Fact]
    public void Exported_model_loads_in_onnx_runtime_with_the_expected_inputs_outputs_and_metadata()
    {
        var spec = SyntheticData.TinySpec();
        using var session = new InferenceSession(OnnxModelWriter.Write(new RankingNetwork(spec), Info));

        var dense = session.InputMetadata["dense"];
        var categorical = session.InputMetadata["categorical"];
        var score = session.OutputMetadata["score"];
        Assert.Equal(TensorElementType.Float, dense.ElementDataType);
        Assert.Equal([-1, spec.DenseWidth], dense.Dimensions);
        Assert.Equal("N", dense.SymbolicDimensions[0]);
        Assert.Equal(TensorElementType.Int64, categorical.ElementDataType);
        Assert.Equal([-1, spec.CategoricalCount], categorical.Dimensions);
        Assert.Equal(TensorElementType.Float, score.ElementDataType);
        Assert.Equal([-1, 1], score.Dimensions);
        Assert.Equal("lead-ranker", session.ModelMetadata.GraphName);
        Assert.Equal("LeadRecs", session.ModelMetadata.ProducerName);
        Assert.Equal("features-v3", session.ModelMetadata.CustomMetadataMap["schema_version"]);
    }
}
