using LeadRecs.Ranking.Data;

namespace LeadRecs.Ranking.Simulation;

/// <summary>
/// xoshiro256** seeded through SplitMix64. <see cref="Random"/> with a seed is not promised to give the same
/// sequence on another .NET version, and a simulator that is the ground truth of recorded benchmarks must.
/// Independent streams come from <see cref="For(int, string, int, int)"/>, so one part of the simulation can draw
/// more or fewer numbers without shifting what every other part sees.
/// </summary>
public sealed class DeterministicRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public DeterministicRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>The stream named <paramref name="stream"/> for (<paramref name="a"/>, <paramref name="b"/>) under <paramref name="seed"/>.</summary>
    public static DeterministicRandom For(int seed, string stream, int a = 0, int b = 0)
    {
        var h = StableHash.Fnv1a(stream);
        h = StableHash.Mix(h ^ (ulong)(uint)seed);
        h = StableHash.Mix(h ^ ((ulong)(uint)a << 32 | (uint)b));
        return new DeterministicRandom(h);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double NextDouble(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        // Multiply-high maps 64 random bits onto the range; the bias is below 2^-32 for any int range.
        return (int)Math.BigMul(NextUInt64(), (ulong)maxExclusive, out _);
    }

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal by Box-Muller (one of the pair is dropped to keep the stream stateless).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public double NextExponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>Log-normal with mean 1, so it can scale a rate without changing its average.</summary>
    public double NextLogNormalUnitMean(double sigma) => Math.Exp(sigma * NextGaussian() - sigma * sigma / 2);

    public int NextPoisson(double lambda)
    {
        if (lambda <= 0)
        {
            return 0;
        }
        if (lambda > 40)
        {
            return Math.Max(0, (int)Math.Round(lambda + Math.Sqrt(lambda) * NextGaussian()));
        }
        // Knuth: multiply uniforms until the product drops below e^-lambda.
        var limit = Math.Exp(-lambda);
        var k = 0;
        var p = NextDouble();
        while (p > limit)
        {
            k++;
            p *= NextDouble();
        }
        return k;
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return StableHash.Mix(x);
    }

    private static ulong RotateLeft(ulong value, int bits) => (value << bits) | (value >> (64 - bits));
}
