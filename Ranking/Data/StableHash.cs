namespace LeadRecs.Ranking.Data;

/// <summary>
/// Hashes that are the same in every process. <c>string.GetHashCode</c> is randomised per process in .NET,
/// so anything derived from it (a "random" kind, a sample) would change from run to run.
/// </summary>
public static class StableHash
{
    /// <summary>64-bit FNV-1a over the UTF-16 code units of <paramref name="text"/>.</summary>
    public static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ (uint)(c & 0xFF)) * 1099511628211UL;
            hash = (hash ^ (uint)(c >> 8)) * 1099511628211UL;
        }
        return Mix(hash);
    }

    /// <summary>A uniform double in the open interval (0, 1) derived from <paramref name="text"/>.</summary>
    public static double Unit(string text) => ((Fnv1a(text) >> 11) + 0.5) / (1UL << 53);

    /// <summary>The SplitMix64 finaliser: spreads every input bit over the output.</summary>
    public static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }
}
