using System.Numerics.Tensors;

namespace LeadRecs.Ranking.Evaluation.Models.Ials;

/// <summary>User and item factors, row-major; a score is their dot product.</summary>
public sealed class IalsModel(int users, int items, int factors)
{
    public int Factors { get; } = factors;

    public float[] UserFactors { get; } = new float[users * factors];

    public float[] ItemFactors { get; } = new float[items * factors];

    public void Score(int user, ReadOnlySpan<int> items, Span<float> scores)
    {
        var w = UserFactors.AsSpan(user * Factors, Factors);
        for (var k = 0; k < items.Length; k++)
        {
            scores[k] = TensorPrimitives.Dot(w, ItemFactors.AsSpan(items[k] * Factors, Factors));
        }
    }
}
