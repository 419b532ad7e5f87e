using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace LeadRecs.Ranking.Experiments;

/// <summary>
/// Sticky A/B assignment: a user's bucket is SHA-256 of the UTF-8 text <c>salt + ":" + userId</c>, its first 8 bytes
/// read big-endian, mod <see cref="Buckets"/>. SHA-256 (not <c>string.GetHashCode</c>, which is randomised per
/// process) gives the same bucket on every machine, process and restart.
/// </summary>
/// <remarks>
/// Variants own consecutive bucket ranges in list order, each as wide as its weight, and the last variant runs up to
/// the top. So with a split of [stable, canary], growing the canary only moves its lower boundary down: every user who
/// was in the canary stays in it (and likewise the first variant grows upwards). A new salt re-shuffles everyone,
/// which is what a new experiment wants.
/// </remarks>
public static class VariantAssignment
{
    public const int Buckets = 10_000;

    /// <summary>How far the weights may sum away from 1 (rounding in configuration files).</summary>
    public const double WeightTolerance = 1e-6;

    /// <summary>The name of the variant <paramref name="userId"/> is assigned to.</summary>
    public static string Assign(string userId, string salt, IReadOnlyList<VariantWeight> split) => Choose(userId, salt, split).Variant;

    /// <summary>The variant (with its model version) <paramref name="userId"/> is assigned to.</summary>
    public static VariantWeight Choose(string userId, string salt, IReadOnlyList<VariantWeight> split)
    {
        Validate(split);
        var bucket = Bucket(userId, salt);
        for (var i = 0; i < split.Count - 1; i++)
        {
            if (bucket < UpperBucket(split, i))
            {
                return split[i];
            }
        }
        return split[^1];
    }

    /// <summary>The user's bucket in [0, <see cref="Buckets"/>).</summary>
    public static int Bucket(string userId, string salt)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(salt);
        var text = salt + ":" + userId;
        var bytes = Encoding.UTF8.GetBytes(text);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        // 2^64 mod 10000 is tiny next to 2^64, so the modulo bias is below 1e-15.
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % Buckets);
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless the split names distinct variants with weights in [0, 1] summing to 1.</summary>
    public static void Validate(IReadOnlyList<VariantWeight> split)
    {
        ArgumentNullException.ThrowIfNull(split);
        if (split.Count == 0)
        {
            throw new ArgumentException("A split needs at least one variant.", nameof(split));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var sum = 0.0;
        foreach (var v in split)
        {
            if (v is null || string.IsNullOrWhiteSpace(v.Variant) || string.IsNullOrWhiteSpace(v.Version))
            {
                throw new ArgumentException("Every variant needs a name and a model version.", nameof(split));
            }
            if (!names.Add(v.Variant))
            {
                throw new ArgumentException($"Variant '{v.Variant}' appears twice.", nameof(split));
            }
            if (!double.IsFinite(v.Weight) || v.Weight < 0 || v.Weight > 1)
            {
                throw new ArgumentException($"Variant '{v.Variant}' has weight {v.Weight}; weights are fractions in [0, 1].", nameof(split));
            }
            sum += v.Weight;
        }

        if (Math.Abs(sum - 1) > WeightTolerance)
        {
            throw new ArgumentException($"Weights sum to {sum}; they must sum to 1.", nameof(split));
        }
    }

    // Boundaries come from the cumulative weight, rounded once, so neighbouring variants never overlap or leave a gap.
    private static int UpperBucket(IReadOnlyList<VariantWeight> split, int index)
    {
        var cumulative = 0.0;
        for (var i = 0; i <= index; i++)
        {
            cumulative += split[i].Weight;
        }
        return (int)Math.Round(Math.Min(cumulative, 1) * Buckets, MidpointRounding.AwayFromZero);
    }
}
