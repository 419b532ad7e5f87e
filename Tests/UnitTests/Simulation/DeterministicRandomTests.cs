using LeadRecs.Ranking.Simulation;
using Xunit;

namespace LeadRecs.UnitTests.Simulation;

public sealed class DeterministicRandomTests
{
    [Fact]
    public void SameStreamRepeats_OtherStreamsDiffer()
    {
        var a = Draw(DeterministicRandom.For(42, "browse", 1, 2));
        var b = Draw(DeterministicRandom.For(42, "browse", 1, 2));
        var c = Draw(DeterministicRandom.For(42, "browse", 2, 1));
        var d = Draw(DeterministicRandom.For(43, "browse", 1, 2));

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.NotEqual(a, d);
    }

    [Fact]
    public void DrawsHaveTheExpectedRangesAndMeans()
    {
        var random = new DeterministicRandom(1);
        const int n = 20_000;
        var doubles = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToList();
        var ints = Enumerable.Range(0, n).Select(_ => random.Next(7)).ToList();
        var poisson = Enumerable.Range(0, n).Select(_ => random.NextPoisson(4.5)).ToList();
        var logNormal = Enumerable.Range(0, n).Select(_ => random.NextLogNormalUnitMean(0.6)).ToList();

        Assert.All(doubles, x => Assert.InRange(x, 0, 0.9999999999));
        Assert.InRange(doubles.Average(), 0.49, 0.51);
        Assert.Equal(Enumerable.Range(0, 7), ints.Distinct().Order());
        Assert.InRange(poisson.Average(), 4.4, 4.6);
        Assert.InRange(logNormal.Average(), 0.96, 1.04);
    }

    private static List<ulong> Draw(DeterministicRandom random) => Enumerable.Range(0, 8).Select(_ => random.NextUInt64()).ToList();
}
