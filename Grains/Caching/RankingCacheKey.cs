using System.Globalization;

namespace LeadRecs.Grains.Caching;

/// <summary>
/// Identifies a ranking: the user, the version of the user's features it was computed from, and the model
/// version and variant that scored it. A new event (new feature version) or a model flip changes the key, so a
/// stale ranking is never found, only left to expire.
/// </summary>
public readonly record struct RankingCacheKey(string UserId, long FeatureVersion, string Model, string ModelVersion, string Variant)
{
    /// <summary>Bumped when <see cref="CachedRanking"/>'s stored shape changes.</summary>
    private const string Schema = "v1";

    /// <summary>The Redis key. The user id goes last: it is the only part that may contain ':'.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"leadrecs:ranking:{Schema}:{Model}:{ModelVersion}:{Variant}:{FeatureVersion}:{UserId}");
}
