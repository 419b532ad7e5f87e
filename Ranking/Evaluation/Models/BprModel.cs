using System.Numerics.Tensors;

namespace LeadRecs.Ranking.Evaluation.Models;

/// <summary>Learned BPR parameters: score(u, i) = bias_i + user_u · item_i.</summary>
public sealed class BprModel(int users, int items, int factors)
{
    public int Factors { get; } = factors;

    public float[] UserFactors { get; } = new float[users * factors];

    public float[] ItemFactors { get; } = new float[items * factors];

    public float[] ItemBias { get; } = new float[items];

    public void Score(int user, ReadOnlySpan<int> items, Span<float> scores)
    {
        var p = UserFactors.AsSpan(user * Factors, Factors);
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            scores[i] = ItemBias[item] + TensorPrimitives.Dot(p, ItemFactors.AsSpan(item * Factors, Factors));
        }
    }
}
