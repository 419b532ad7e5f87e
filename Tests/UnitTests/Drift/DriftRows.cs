using LeadRecs.Ranking.Features.Schema;

namespace LeadRecs.UnitTests.Drift;

/// <summary>Dense rows of schema v1 whose every column is drawn from one seeded distribution.</summary>
internal static class DriftRows
{
    public static readonly FeatureVectorizer Vectorizer = FeatureVectorizer.For(FeatureSchemas.V1);

    public static int Width => Vectorizer.DenseWidth;

    public static float[] Draw(int rows, int seed, Func<Random, double> value)
    {
        var random = new Random(seed);
        var dense = new float[rows * Width];
        for (var i = 0; i < dense.Length; i++)
        {
            dense[i] = (float)value(random);
        }
        return dense;
    }

    /// <summary>Roughly normal (sum of 12 uniforms), mean <paramref name="mean"/>, sd 1.</summary>
    public static double Normal(Random random, double mean = 0) => mean + Enumerable.Range(0, 12).Sum(_ => random.NextDouble()) - 6;
}
