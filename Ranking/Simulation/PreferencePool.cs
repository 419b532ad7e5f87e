using LeadRecs.Ranking.Data;
using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Simulation;

/// <summary>
/// The leads a user browses when following their taste: the best matches around their area under either the
/// initial or the hidden preference. Precomputing both affinities once lets each day interpolate between them
/// without re-scoring thousands of leads per user per day.
/// Nobody finds every listing on their own: each user discovers only about half of the leads around them, and
/// the rest reach them by chance at most. Without this a month of browsing would show each user nearly every
/// relevant lead, and a recommender that (sensibly) leaves out what the user has seen would have nothing
/// relevant left to recommend; with it, surfacing the undiscovered matches is exactly what a model is for.
/// </summary>
internal static class PreferencePool
{
    public const int Size = 200;

    /// <summary>The share of the leads around a user that the user finds by browsing.</summary>
    public const double DiscoveredShare = 0.5;

    /// <summary>Far enough to include near misses just outside the area, which people look at too.</summary>
    private const double ReachInRadii = 2.0;

    /// <summary>A wide area (a niche taste in a thin market) needs no wider margin; it would only add thousands of candidates.</summary>
    private const double MaxMarginKm = 4.0;

    /// <summary>Leads below this affinity would almost never be drawn (weights are cubed); dropping them before the sort keeps big markets fast.</summary>
    private const double MinAffinity = 0.01;

    public static void Fill(UserState user, IReadOnlyList<Lead> leads, LeadGrid grid, List<int> buffer, ulong discoverySalt)
    {
        var hidden = user.User.HiddenPreference;
        var initial = user.User.InitialPreference;
        buffer.Clear();
        var reach = Math.Min(hidden.RadiusKm * ReachInRadii, hidden.RadiusKm + MaxMarginKm);
        grid.Candidates(hidden.CenterLat, hidden.CenterLon, reach, buffer);
        var scored = new List<(double Score, int Lead, float Start, float End)>();
        foreach (var i in buffer)
        {
            if (!IsDiscovered(discoverySalt, i))
            {
                continue;
            }
            // Most leads around are the wrong kind or far off budget: reject them before any distance is computed.
            var apartStart = initial.AffinityApartFromPlace(leads[i]);
            var apartEnd = hidden.AffinityApartFromPlace(leads[i]);
            if (Math.Max(apartStart, apartEnd) < MinAffinity)
            {
                continue;
            }
            var start = apartStart * initial.PlaceAffinity(leads[i]);
            var end = apartEnd * hidden.PlaceAffinity(leads[i]);
            if (Math.Max(start, end) >= MinAffinity)
            {
                scored.Add((Math.Max(start, end), i, (float)start, (float)end));
            }
        }
        // Best first; equal scores by lead index so the pool never depends on sort stability.
        scored.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Lead.CompareTo(b.Lead));
        var size = Math.Min(Size, scored.Count);
        user.Pool = new int[size];
        user.PoolAffinityStart = new float[size];
        user.PoolAffinityEnd = new float[size];
        for (var k = 0; k < size; k++)
        {
            (_, user.Pool[k], user.PoolAffinityStart[k], user.PoolAffinityEnd[k]) = scored[k];
        }
    }

    /// <summary>A fixed coin per (user, lead): hashing rather than drawing keeps it independent of which leads are near.</summary>
    private static bool IsDiscovered(ulong salt, int lead) =>
        (StableHash.Mix(salt ^ (ulong)lead) >> 11) * (1.0 / (1UL << 53)) < DiscoveredShare;
}
