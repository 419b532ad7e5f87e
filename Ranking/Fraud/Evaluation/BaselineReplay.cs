using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Geo;
using LeadRecs.Ranking.Scoring;
using LeadRecs.Ranking.Simulation;

namespace LeadRecs.Ranking.Fraud.Evaluation;

/// <summary>
/// The service's baseline recommendation path replayed offline, without Orleans: interactions in time order build
/// lead popularity, cell demand and user features as the grains do; at the end of the period each user's candidates
/// (the cells <see cref="CandidatePlanner"/> picks, the most popular leads of each, and the trending list) are ranked by
/// <see cref="BaselineScorer"/> through <see cref="RecommendationRanker"/>. Good enough to show what bots do to
/// rankings; the grains remain the reference for anything else.
/// </summary>
public sealed class BaselineReplay
{
    private readonly FeatureOptions _features;
    private readonly DateTimeOffset _now;
    private readonly Dictionary<string, UserFeatures> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LeadCandidate>> _cellCandidates = new(StringComparer.Ordinal);
    private readonly List<LeadCandidate> _trending;

    public const int CandidatesPerCell = 120;
    public const int TrendingCandidates = 100;

    /// <param name="leads">Every lead, with its status at <paramref name="now"/>.</param>
    /// <param name="interactions">What the ranking may learn from, in any order (replayed in time order).</param>
    public BaselineReplay(IReadOnlyList<Lead> leads, IEnumerable<Interaction> interactions, DateTimeOffset now, FeatureOptions? features = null)
    {
        _features = features ?? FeatureOptions.Default;
        _now = now;
        var byId = leads.ToDictionary(l => l.Id, StringComparer.Ordinal);
        var cellOf = leads.ToDictionary(l => l.Id, l => GeoCell.FromLatLon(l.Lat, l.Lon).ToString(), StringComparer.Ordinal);
        var popularity = new Dictionary<string, Decayed>(StringComparer.Ordinal);
        var demand = new Dictionary<string, Decayed>(StringComparer.Ordinal);

        foreach (var i in interactions.OrderBy(i => i.At))
        {
            if (!byId.TryGetValue(i.LeadId, out var lead))
            {
                continue;
            }
            var cell = cellOf[i.LeadId];
            var weight = InteractionWeights.Of(i.Kind);
            popularity[i.LeadId] = popularity.GetValueOrDefault(i.LeadId, Decayed.Zero).Add(weight, i.At, _features.PopularityHalfLife);
            demand[cell] = demand.GetValueOrDefault(cell, Decayed.Zero).Add(weight, i.At, _features.PopularityHalfLife);
            if (!_users.TryGetValue(i.UserId, out var user))
            {
                _users[i.UserId] = user = new UserFeatures();
            }
            user.Apply(new LeadFacts(lead.Id, lead.Lat, lead.Lon, lead.Price, lead.Kind, lead.Bedrooms, cell), i.Kind, i.At, _features);
        }

        var active = leads.Where(l => l.Status == LeadStatus.Active).ToList();
        var supply = active.GroupBy(l => cellOf[l.Id], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var candidates = active
            .Select(l =>
            {
                var cell = cellOf[l.Id];
                return new LeadCandidate(l.Id, l.Lat, l.Lon, l.Price, l.Kind, l.Bedrooms, l.AreaSqm, l.ListedAt, l.Status,
                    popularity.GetValueOrDefault(l.Id, Decayed.Zero).ValueAt(now, _features.PopularityHalfLife),
                    cell,
                    demand.GetValueOrDefault(cell, Decayed.Zero).ValueAt(now, _features.PopularityHalfLife),
                    supply[cell],
                    0);
            })
            .OrderByDescending(c => c.Popularity)
            .ThenBy(c => c.LeadId, StringComparer.Ordinal)
            .ToList();
        foreach (var c in candidates)
        {
            if (!_cellCandidates.TryGetValue(c.CellId, out var list))
            {
                _cellCandidates[c.CellId] = list = [];
            }
            if (list.Count < CandidatesPerCell)
            {
                list.Add(c);
            }
        }
        _trending = candidates.Take(TrendingCandidates).ToList();
    }

    /// <summary>The baseline ranker's top <paramref name="k"/> for a user.</summary>
    public IReadOnlyList<string> Recommend(string userId, int k = 10)
    {
        var profile = _users.TryGetValue(userId, out var features)
            ? features.ToProfile(userId, _now, _features)
            : UserProfile.Cold(userId, _now);
        var pool = new List<LeadCandidate>();
        foreach (var cell in CandidatePlanner.CellsFor(profile))
        {
            if (_cellCandidates.TryGetValue(cell, out var list))
            {
                pool.AddRange(list);
            }
        }
        pool.AddRange(_trending);
        return RecommendationRanker.Rank(profile, pool, k, BaselineScorer.Instance).Select(r => r.LeadId).ToList();
    }

    /// <summary>Relevant@k of the baseline over the people of <paramref name="market"/>, learning from <paramref name="interactions"/>.</summary>
    public static double RelevantAtK(SimulatedMarket market, IEnumerable<Interaction> interactions, int k = 10)
    {
        var replay = new BaselineReplay(market.Leads, interactions, market.End);
        return RelevanceEvaluator.RelevantAtK(market, u => replay.Recommend(u.Id, k), k);
    }
}
