using LeadRecs.Ranking.Model;

namespace LeadRecs.Microbenchmarks;

/// <summary>Rows of the production-like shape whose label follows a hidden nonlinear rule, so the loss actually moves.</summary>
public static class SyntheticRows
{
    public static readonly ModelSpec Spec = new(
        24,
        [
            new("user_bucket", 4096, 16),
            new("lead_bucket", 8192, 16),
            new("lead_kind", 8, 4),
            new("price_band", 16, 4),
            new("geo_cell_bucket", 2048, 8),
        ],
        [64, 32],
        Seed: 1);

    /// <summary>Dense values uniform in [-1, 1]; ids skewed like real popularity.</summary>
    public static TrainingData Create(int rows, int seed)
    {
        var random = new Random(seed);
        var data = TrainingData.Allocate(rows, Spec.DenseWidth, Spec.CategoricalCount);
        for (var i = 0; i < rows; i++)
        {
            var dense = data.DenseRow(i);
            for (var j = 0; j < dense.Length; j++)
            {
                dense[j] = (float)(random.NextDouble() * 2 - 1);
            }

            var ids = data.CategoricalRow(i);
            for (var k = 0; k < ids.Length; k++)
            {
                var vocabulary = Spec.Categorical[k].VocabularySize;
                ids[k] = (int)(vocabulary * Math.Pow(random.NextDouble(), 2));
            }

            var logit = 2 * dense[0] * dense[1] - dense[2] + ((ids[0] * 7 + ids[1]) % 5 - 2) * 0.5;
            data.Labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
        }

        return data;
    }
}
