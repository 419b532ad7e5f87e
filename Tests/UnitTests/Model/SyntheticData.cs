using LeadRecs.Ranking.Model;

namespace LeadRecs.UnitTests.Model;

/// <summary>Seeded synthetic rows for model tests: a known ground truth makes "it learned" checkable.</summary>
internal static class SyntheticData
{
    public static ModelSpec TinySpec(int seed = 3, params int[] hidden) => new(
        3,
        [new CategoricalFeatureSpec("a", 4, 2), new CategoricalFeatureSpec("b", 5, 3)],
        hidden.Length == 0 ? [5, 4] : hidden,
        seed);

    /// <summary>
    /// Two categorical columns of the same width whose embeddings' dot product joins the logit (the two-tower,
    /// matrix-factorisation term), plus a third column that only feeds the MLP.
    /// </summary>
    public static ModelSpec DotSpec(int seed = 3, params int[] hidden) => new(
        3,
        [new CategoricalFeatureSpec("user", 4, 3), new CategoricalFeatureSpec("item", 5, 3), new CategoricalFeatureSpec("kind", 3, 2)],
        hidden.Length == 0 ? [5, 4] : hidden,
        seed,
        [new EmbeddingDotProduct(0, 1)]);

    /// <summary>Uniform random features and ids (some out of vocabulary) with random labels and weights.</summary>
    public static TrainingData Random(ModelSpec spec, int rows, int seed, bool withWeights = false, bool outOfVocabulary = true)
    {
        var random = new Random(seed);
        var data = TrainingData.Allocate(rows, spec.DenseWidth, spec.CategoricalCount, withWeights);
        for (var i = 0; i < rows; i++)
        {
            var dense = data.DenseRow(i);
            for (var j = 0; j < dense.Length; j++)
            {
                dense[j] = (float)(random.NextDouble() * 4 - 2);
            }

            var ids = data.CategoricalRow(i);
            for (var k = 0; k < ids.Length; k++)
            {
                var vocabulary = spec.Categorical[k].VocabularySize;
                ids[k] = outOfVocabulary && random.Next(8) == 0 ? OutOfVocabularyId(random, vocabulary) : random.Next(vocabulary);
            }

            data.Labels[i] = random.Next(2);
            if (data.Weights is not null)
            {
                data.Weights[i] = (float)(0.25 + random.NextDouble() * 2);
            }
        }

        return data;
    }

    /// <summary>
    /// A deterministic, separable problem no linear model solves: label = [x0*x1 + 0.5*sin(2*x2) + bias(cat0) > 0],
    /// with cat0 a 20-id category carrying a bias and cat1 pure noise.
    /// </summary>
    public static TrainingData Separable(int rows, int seed, int denseWidth = 8)
    {
        var biases = new float[20];
        var biasRandom = new Random(12345);
        for (var i = 0; i < biases.Length; i++)
        {
            biases[i] = (float)(biasRandom.NextDouble() * 2 - 1);
        }

        var random = new Random(seed);
        var data = TrainingData.Allocate(rows, denseWidth, 2);
        for (var i = 0; i < rows; i++)
        {
            var dense = data.DenseRow(i);
            for (var j = 0; j < denseWidth; j++)
            {
                dense[j] = (float)(random.NextDouble() * 2 - 1);
            }

            var ids = data.CategoricalRow(i);
            ids[0] = random.Next(20);
            ids[1] = random.Next(10);
            var f = dense[0] * dense[1] * 3 + 0.5 * Math.Sin(2 * dense[2]) + biases[ids[0]];
            data.Labels[i] = f > 0 ? 1f : 0f;
        }

        return data;
    }

    private static int OutOfVocabularyId(Random random, int vocabulary) => random.Next(4) switch
    {
        0 => -1,
        1 => vocabulary,
        2 => int.MaxValue,
        _ => int.MinValue,
    };
}
