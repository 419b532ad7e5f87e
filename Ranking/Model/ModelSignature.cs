using LeadRecs.Ranking.Onnx;

namespace LeadRecs.Ranking.Model;

/// <summary>Inputs and outputs of a model, as a TensorFlow-Serving style metadata endpoint reports them.</summary>
public sealed record ModelSignature(IReadOnlyList<TensorSignature> Inputs, IReadOnlyList<TensorSignature> Outputs)
{
    /// <summary>The <see cref="OnnxSignature"/> for a network of this shape.</summary>
    public static ModelSignature For(ModelSpec spec) => For(spec.DenseWidth, spec.CategoricalCount);

    /// <summary>The <see cref="OnnxSignature"/> for inputs of these widths.</summary>
    public static ModelSignature For(int denseWidth, int categoricalCount) => new(
        [
            new TensorSignature(OnnxSignature.DenseInput, "float", [-1, denseWidth]),
            new TensorSignature(OnnxSignature.CategoricalInput, "int64", [-1, categoricalCount]),
        ],
        [new TensorSignature(OnnxSignature.ScoreOutput, "float", [-1, 1])]);

    /// <summary>Value equality over names, element types and shapes (a record compares list references).</summary>
    public bool Describes(ModelSignature other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Same(Inputs, other.Inputs) && Same(Outputs, other.Outputs);
    }

    private static bool Same(IReadOnlyList<TensorSignature>? x, IReadOnlyList<TensorSignature>? y) =>
        x is not null && y is not null && x.Count == y.Count && x.Zip(y).All(p =>
            p.First is not null && p.Second is not null && p.First.Name == p.Second.Name && p.First.ElementType == p.Second.ElementType
            && p.First.Shape is not null && p.Second.Shape is not null && p.First.Shape.SequenceEqual(p.Second.Shape));
}
