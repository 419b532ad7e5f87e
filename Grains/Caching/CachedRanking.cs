using LeadRecs.Ranking.Scoring;

namespace LeadRecs.Grains.Caching;

/// <summary>
/// A computed ranking as both cache tiers keep it. Which model, variant and feature version it belongs to is in
/// its cache key (<see cref="RankingCacheKey"/>), so an entry can never be served for anything else.
/// </summary>
/// <param name="Exhaustive">True when fewer leads than asked for were eligible: a larger k would not find more.</param>
public sealed record CachedRanking(string RecommendationId, DateTimeOffset GeneratedAt, IReadOnlyList<RankedLead> Items, bool Exhaustive);
