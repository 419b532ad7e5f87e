using LeadRecs.Ranking.Evaluation.Models.Linear;
using LeadRecs.Ranking.Simulation;

namespace LeadRecs.UnitTests.Evaluation.Baselines;

public sealed class CholeskyInverterTests
{
    [Fact]
    public void TwoByTwo_MatchesTheInverseByHand()
    {
        // [[4, 2], [2, 3]]⁻¹ = [[3, -2], [-2, 4]] / 8
        var inverse = new CholeskyInverter().Invert([4, 2, 2, 3], 2, 1);

        Assert.Equal([3 / 8.0, -2 / 8.0, -2 / 8.0, 4 / 8.0], inverse, Close);
    }

    [Fact]
    public void TheSecondDifferenceMatrix_MatchesItsKnownInverse()
    {
        // tridiag(-1, 2, -1) of size 3: inverse [[3, 2, 1], [2, 4, 2], [1, 2, 3]] / 4
        var inverse = new CholeskyInverter().Invert([2, -1, 0, -1, 2, -1, 0, -1, 2], 3, 1);

        Assert.Equal(new double[] { 3, 2, 1, 2, 4, 2, 1, 2, 3 }.Select(v => v / 4), inverse, Close);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ARandomGramMatrix_TimesItsInverse_IsTheIdentity(int threads)
    {
        const int n = 60;
        var a = RandomSpd(n, seed: 3);
        var original = (double[])a.Clone();

        var inverse = new CholeskyInverter().Invert(a, n, threads);

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < n; k++)
                {
                    sum += original[i * n + k] * inverse[k * n + j];
                }

                Assert.Equal(i == j ? 1.0 : 0.0, sum, 1e-9);
            }
        }
    }

    [Fact]
    public void AMatrixThatIsNotPositiveDefinite_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new CholeskyInverter().Invert([1, 2, 2, 1], 2, 1));

    /// <summary>XᵀX + I for a random 0/1 matrix X: the shape EASE inverts.</summary>
    internal static double[] RandomSpd(int n, int seed)
    {
        var random = DeterministicRandom.For(seed, "spd");
        var rows = 2 * n;
        var x = new double[rows * n];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = random.Chance(0.2) ? 1 : 0;
        }

        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var r = 0; r < rows; r++)
                {
                    a[i * n + j] += x[r * n + i] * x[r * n + j];
                }
            }

            a[i * n + i] += 1;
        }

        return a;
    }

    private static bool Close(double a, double b) => Math.Abs(a - b) < 1e-12;
}
