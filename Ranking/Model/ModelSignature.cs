using LeadRecs.Ranking.Onnx;

namespace LeadRecs.Ranking.Model;

/// <summary>Inputs and outputs of a model, as a TensorFlow-Serving style metadata endpoint reports them.</summary>
public sealed record ModelSignature(IReadOnlyList<TensorSignature> Inputs, IReadOnlyList<TensorSignature> Outputs)
{
    /// <summary>The <see cref="OnnxSignature"/> for a network of this shape.</summary>
    public static ModelSignature For(ModelSpec spec) => new(
        [
            new TensorSignature(OnnxSignature.DenseInput, "float", [-1, spec.DenseWidth]),
            new TensorSignature(OnnxSignature.CategoricalInput, "int64", [-1, spec.CategoricalCount]),
        ],
        [new TensorSignature(OnnxSignature.ScoreOutput, "float", [-1, 1])]);
}
