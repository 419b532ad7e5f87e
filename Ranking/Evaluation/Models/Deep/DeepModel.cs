using System.Buffers;
using LeadRecs.Ranking.Model;

namespace LeadRecs.Ranking.Evaluation.Models.Deep;

/// <summary>
/// A trained network with the feature pipeline it was trained with; scoring is thread-safe. With a candidate pool
/// the score is the logit plus log q (the sampler's probability of the item), which undoes the bias that hard
/// negatives put into the logit, so a full ranking orders items by the model's estimate of p(item | user).
/// </summary>
public sealed class DeepModel(RankingNetwork network, DenseFeatures features, FeatureScaler scaler, CandidatePool? pool)
{
    public RankingNetwork Network { get; } = network;

    public DenseFeatures Features { get; } = features;

    public void Score(int user, ReadOnlySpan<int> items, Span<float> scores)
    {
        var width = Features.Width;
        var n = items.Length;
        var dense = ArrayPool<float>.Shared.Rent(n * width);
        var ids = ArrayPool<int>.Shared.Rent(n * 2);
        try
        {
            Features.Write(user, items, [], [], dense.AsSpan(0, n * width));
            for (var r = 0; r < n; r++)
            {
                ids[2 * r] = user + 1;
                ids[2 * r + 1] = items[r] + 1;
            }

            scaler.Apply(dense.AsSpan(0, n * width));
            // Logits, not sigmoids: the order is all that counts, and large logits must not tie at 1.
            Network.PredictLogits(dense.AsSpan(0, n * width), ids.AsSpan(0, 2 * n), n, scores);
            if (pool is not null)
            {
                for (var r = 0; r < n; r++)
                {
                    scores[r] = (float)(scores[r] + pool.LogSamplingProbability(user, items[r]));
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(dense);
            ArrayPool<int>.Shared.Return(ids);
        }
    }
}
