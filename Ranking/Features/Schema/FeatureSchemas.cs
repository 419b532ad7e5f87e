using static LeadRecs.Ranking.Features.Schema.CategoricalFeatureId;
using static LeadRecs.Ranking.Features.Schema.DenseFeatureId;

namespace LeadRecs.Ranking.Features.Schema;

/// <summary>
/// The released schema versions. Never edit one: append a new version instead (a test pins each version's
/// fingerprint). Models trained on any version listed here keep being served.
/// </summary>
public static class FeatureSchemas
{
    /// <summary>User history, lead, market and geo features as first released.</summary>
    public static readonly FeatureSchema V1 = new(
        "v1",
        [
            UserLogActivity, UserLogViews, UserLogClicks, UserLogInquiries, UserLogDaysSinceActive, UserIsCold,
            UserKindShare, UserKindShareOfTop, UserPriceBandShare, UserNearPriceBandShare,
            UserLogPriceGap, UserAbsLogPriceGap, UserBedroomGap, UserHasBedroomGap, UserCellShare,
            LeadLogPrice, LeadLogArea, LeadHasArea, LeadBedrooms, LeadHasBedrooms, LeadLogAgeDays, LeadLogPopularity,
            MarketPriceTrend,
            GeoLogCellDemand, GeoLogCellSupply, GeoLogDemandPerListing, GeoLogDistanceKm, GeoProximity,
        ],
        [LeadKind, LeadPriceBand, LeadGeoBucket]);

    /// <summary>
    /// v1 plus features robust to exploratory browsing: the activity share of the lead's neighbourhood of cells,
    /// distance relative to the user's spread, and place, price and bedrooms of clicks and inquiries alone.
    /// </summary>
    public static readonly FeatureSchema V2 = new(
        "v2",
        [
            .. V1.Dense.Select(f => f.Id),
            GeoNeighbourhoodShare, GeoDistanceOverSpread,
            UserHasEngaged, UserLogEngagedWeight, UserEngagedLogPriceGap, UserEngagedAbsLogPriceGap, UserEngagedPriceGapOverSpread,
            UserEngagedBedroomGap, GeoEngagedLogDistanceKm, GeoEngagedDistanceOverSpread,
            UserEngagedKindShare, UserEngagedPriceQuantile, UserEngagedPriceCentrality, UserEngagedBedroomsAtLeast,
            GeoEngagedDensity1Km, GeoEngagedDensity3Km, GeoEngagedNearestLogKm,
        ],
        [.. V1.Categorical.Select(f => f.Id)]);

    /// <summary>
    /// v2 plus the spread of everything the user touched (views included), robust to exploring: distance from the
    /// median centre as a quantile of the touched leads' distances and over their median, and the price's quantile,
    /// centrality and gap over the interquartile range of their prices.
    /// </summary>
    public static readonly FeatureSchema V3 = new(
        "v3",
        [
            .. V2.Dense.Select(f => f.Id),
            UserHasViewed, GeoViewedMedianLogKm, GeoViewedDistanceOverMedian, GeoViewedDistanceQuantile,
            UserViewedPriceQuantile, UserViewedPriceCentrality, UserViewedPriceGapOverIqr,
        ],
        [.. V2.Categorical.Select(f => f.Id)]);

    public static readonly IReadOnlyList<FeatureSchema> All = [V1, V2, V3];

    /// <summary>What new models are trained on.</summary>
    public static FeatureSchema Latest => All[^1];

    public static bool TryGet(string version, out FeatureSchema schema)
    {
        schema = All.FirstOrDefault(s => s.Version == version)!;
        return schema is not null;
    }

    public static FeatureSchema Get(string version) =>
        TryGet(version, out var schema)
            ? schema
            : throw new NotSupportedException(
                $"Feature schema '{version}' is unknown to this build (known: {string.Join(", ", All.Select(s => s.Version))}).");
}
