using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Geo;

namespace LeadRecs.Ranking.Scoring;

/// <summary>
/// A hand-weighted ranker that needs no training: it matches a lead against the user's preferred kinds,
/// price level, bedrooms and location, and breaks ties with popularity and local demand. It serves until a
/// trained model is ready and is the baseline the trained model must beat.
/// </summary>
public sealed class BaselineScorer : ILeadScorer
{
    /// <summary>Distance at which proximity has fallen to 1/e.</summary>
    public const double ProximityScaleKm = 4.0;

    /// <summary>Spread of price tolerance in log space: ±30% is still a good match.</summary>
    public const double LogPriceTolerance = 0.3;

    public static readonly BaselineScorer Instance = new();

    public ModelIdentity Model { get; } = new("baseline", "1");

    public void Score(UserProfile user, IReadOnlyList<LeadCandidate> candidates, Span<float> scores)
    {
        if (scores.Length < candidates.Count)
        {
            throw new ArgumentException("There must be a score slot for every candidate.", nameof(scores));
        }

        var maxPopularity = 0.0;
        var maxDemand = 0.0;
        foreach (var c in candidates)
        {
            maxPopularity = Math.Max(maxPopularity, c.Popularity);
            maxDemand = Math.Max(maxDemand, DemandPerListing(c));
        }
        var maxKindShare = user.KindShare.Count == 0 ? 0 : user.KindShare.Max();

        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            var popularity = Normalised(c.Popularity, maxPopularity);
            var demand = Normalised(DemandPerListing(c), maxDemand);
            if (user.IsCold)
            {
                scores[i] = (float)(0.7 * popularity + 0.3 * demand);
                continue;
            }

            var kindMatch = maxKindShare > 0 ? user.KindShare[(int)c.Kind] / maxKindShare : 0;
            var priceMatch = user.LogPrice is { } logPrice
                ? Gaussian(Math.Log(Math.Max(c.Price, 1)) - logPrice, LogPriceTolerance)
                : 0.5;
            var proximity = user.Centre is { } centre
                ? Math.Exp(-GeoDistance.Kilometres(centre.Lat, centre.Lon, c.Lat, c.Lon) / ProximityScaleKm)
                : 0;
            var bedroomMatch = user.Bedrooms is { } beds && c.Bedrooms is { } leadBeds
                ? Math.Exp(-Math.Abs(leadBeds - beds) / 1.5)
                : 0.5;
            var seenPenalty = user.RecentLeads.ContainsKey(c.LeadId) ? 0.9 : 1.0;

            scores[i] = (float)(seenPenalty * (
                0.28 * kindMatch
                + 0.22 * priceMatch
                + 0.30 * proximity
                + 0.05 * bedroomMatch
                + 0.10 * popularity
                + 0.05 * demand));
        }
    }

    private static double DemandPerListing(LeadCandidate c) => c.CellDemand / (1.0 + c.CellSupply);

    private static double Normalised(double value, double max) =>
        max <= 0 ? 0 : Math.Log(1 + value) / Math.Log(1 + max);

    private static double Gaussian(double delta, double sigma) => Math.Exp(-(delta * delta) / (2 * sigma * sigma));
}
