namespace LeadRecs.Ranking.Features.Schema;

/// <summary>
/// The definitions of every feature this build knows. Values are scaled by fixed constants (not by statistics
/// of a training set) so a feature means the same thing to every model that was ever trained on it, and
/// "missing" is always 0 with an indicator feature beside it where that matters.
/// </summary>
public static class FeatureCatalog
{
    /// <summary>Buckets of the hashed geo cell id (one more id, 0, is unknown).</summary>
    public const int GeoBuckets = 1024;

    public static readonly IReadOnlyList<DenseFeature> Dense =
    [
        new(DenseFeatureId.UserLogActivity, "user.log_activity", FeatureGroup.User, "log1p(decayed interaction weight) / 5: how much the user has done lately"),
        new(DenseFeatureId.UserLogViews, "user.log_views", FeatureGroup.User, "log1p(decayed views) / 5"),
        new(DenseFeatureId.UserLogClicks, "user.log_clicks", FeatureGroup.User, "log1p(decayed clicks) / 4"),
        new(DenseFeatureId.UserLogInquiries, "user.log_inquiries", FeatureGroup.User, "log1p(decayed inquiries) / 3"),
        new(DenseFeatureId.UserLogDaysSinceActive, "user.log_days_since_active", FeatureGroup.User, "log1p(days since the last interaction) / 3; 0 for a new user"),
        new(DenseFeatureId.UserIsCold, "user.is_cold", FeatureGroup.User, "1 when the user has no usable history (no centre)"),
        new(DenseFeatureId.UserKindShare, "user.kind_share", FeatureGroup.User, "share of the user's decayed activity on the lead's kind"),
        new(DenseFeatureId.UserKindShareOfTop, "user.kind_share_of_top", FeatureGroup.User, "that share divided by the user's largest kind share"),
        new(DenseFeatureId.UserPriceBandShare, "user.price_band_share", FeatureGroup.User, "share of the user's activity in the lead's price band"),
        new(DenseFeatureId.UserNearPriceBandShare, "user.near_price_band_share", FeatureGroup.User, "share in the lead's price band and the two next to it"),
        new(DenseFeatureId.UserLogPriceGap, "user.log_price_gap", FeatureGroup.User, "log(lead price) - the user's mean log price; 0 when unknown"),
        new(DenseFeatureId.UserAbsLogPriceGap, "user.abs_log_price_gap", FeatureGroup.User, "|log price gap|"),
        new(DenseFeatureId.UserBedroomGap, "user.bedroom_gap", FeatureGroup.User, "(lead bedrooms - the user's mean bedrooms) / 2; 0 when either is unknown"),
        new(DenseFeatureId.UserHasBedroomGap, "user.has_bedroom_gap", FeatureGroup.User, "1 when the bedroom gap is known"),
        new(DenseFeatureId.UserCellShare, "user.cell_share", FeatureGroup.User, "share of the user's decayed activity in the lead's geo cell"),
        new(DenseFeatureId.LeadLogPrice, "lead.log_price", FeatureGroup.Lead, "log(price) - 13 (about 440k)"),
        new(DenseFeatureId.LeadLogArea, "lead.log_area", FeatureGroup.Lead, "log(area m2) - 5; 0 when unknown"),
        new(DenseFeatureId.LeadHasArea, "lead.has_area", FeatureGroup.Lead, "1 when the area is known"),
        new(DenseFeatureId.LeadBedrooms, "lead.bedrooms", FeatureGroup.Lead, "bedrooms / 5; 0 when unknown"),
        new(DenseFeatureId.LeadHasBedrooms, "lead.has_bedrooms", FeatureGroup.Lead, "1 when bedrooms are known"),
        new(DenseFeatureId.LeadLogAgeDays, "lead.log_age_days", FeatureGroup.Lead, "log1p(days on market) / 5"),
        new(DenseFeatureId.LeadLogPopularity, "lead.log_popularity", FeatureGroup.Lead, "log1p(decayed interaction weight on the lead) / 3"),
        new(DenseFeatureId.MarketPriceTrend, "market.price_trend", FeatureGroup.Market, "monthly log-price slope of the lead's cell x 10, clamped to [-3, 3]"),
        new(DenseFeatureId.GeoLogCellDemand, "geo.log_cell_demand", FeatureGroup.Geo, "log1p(decayed interaction weight in the lead's cell) / 5"),
        new(DenseFeatureId.GeoLogCellSupply, "geo.log_cell_supply", FeatureGroup.Geo, "log1p(active leads in the cell) / 5"),
        new(DenseFeatureId.GeoLogDemandPerListing, "geo.log_demand_per_listing", FeatureGroup.Geo, "log1p(demand / (1 + supply)) / 3"),
        new(DenseFeatureId.GeoLogDistanceKm, "geo.log_distance_km", FeatureGroup.Geo, "log1p(km from the user's centre) / 3; 0 for a cold user"),
        new(DenseFeatureId.GeoProximity, "geo.proximity", FeatureGroup.Geo, "exp(-km from the user's centre / 4); 0 for a cold user"),
        new(DenseFeatureId.GeoNeighbourhoodShare, "geo.neighbourhood_share", FeatureGroup.Geo,
            "share of the user's decayed activity in the lead's cell and the 8 around it (robust to a centre pulled by exploring)"),
        new(DenseFeatureId.GeoDistanceOverSpread, "geo.distance_over_spread", FeatureGroup.Geo,
            "min(km from the user's centre / (the spread of their activity in km + 0.5), 5) / 2.5: near for this user's range"),
        new(DenseFeatureId.UserHasEngaged, "user.has_engaged", FeatureGroup.User, "1 when the user has clicked or inquired (the engaged features are known)"),
        new(DenseFeatureId.UserLogEngagedWeight, "user.log_engaged_weight", FeatureGroup.User, "log1p(decayed click and inquiry weight) / 4"),
        new(DenseFeatureId.UserEngagedLogPriceGap, "user.engaged_log_price_gap", FeatureGroup.User,
            "log(lead price) - the mean log price of the user's clicks and inquiries; 0 when unknown"),
        new(DenseFeatureId.UserEngagedAbsLogPriceGap, "user.engaged_abs_log_price_gap", FeatureGroup.User, "|engaged log price gap|"),
        new(DenseFeatureId.UserEngagedPriceGapOverSpread, "user.engaged_price_gap_over_spread", FeatureGroup.User,
            "min(|engaged log price gap| / (spread of engaged log prices + 0.1), 5) / 2.5"),
        new(DenseFeatureId.UserEngagedBedroomGap, "user.engaged_bedroom_gap", FeatureGroup.User,
            "(lead bedrooms - mean bedrooms of clicks and inquiries) / 2; 0 when either is unknown"),
        new(DenseFeatureId.GeoEngagedLogDistanceKm, "geo.engaged_log_distance_km", FeatureGroup.Geo,
            "log1p(km from the centre of the user's clicks and inquiries) / 3; 0 when unknown"),
        new(DenseFeatureId.GeoEngagedDistanceOverSpread, "geo.engaged_distance_over_spread", FeatureGroup.Geo,
            "min(km from the engaged centre / (engaged spread in km + 0.5), 5) / 2.5; 0 when unknown"),
        new(DenseFeatureId.UserEngagedKindShare, "user.engaged_kind_share", FeatureGroup.User, "weight share of clicked/inquired leads of the lead's kind"),
        new(DenseFeatureId.UserEngagedPriceQuantile, "user.engaged_price_quantile", FeatureGroup.User,
            "weight share of clicked/inquired leads cheaper than the lead (ties half): where its price sits in the user's range"),
        new(DenseFeatureId.UserEngagedPriceCentrality, "user.engaged_price_centrality", FeatureGroup.User,
            "1 - |2 x price quantile - 1|: 1 in the middle of the user's range, 0 beyond either end; 0 when unknown"),
        new(DenseFeatureId.UserEngagedBedroomsAtLeast, "user.engaged_bedrooms_at_least", FeatureGroup.User,
            "weight share of clicked/inquired leads with no more bedrooms than the lead; 0 when unknown"),
        new(DenseFeatureId.GeoEngagedDensity1Km, "geo.engaged_density_1km", FeatureGroup.Geo,
            "weighted mean of 1 / (1 + (km to each other clicked/inquired lead)^2)^2: engaged leads right here"),
        new(DenseFeatureId.GeoEngagedDensity3Km, "geo.engaged_density_3km", FeatureGroup.Geo, "the same with a 3 km scale"),
        new(DenseFeatureId.GeoEngagedNearestLogKm, "geo.engaged_nearest_log_km", FeatureGroup.Geo,
            "log1p(km to the nearest clicked/inquired lead) / 3; 0 when none"),
        new(DenseFeatureId.UserHasViewed, "user.has_viewed", FeatureGroup.User, "1 when the user has touched leads (the viewed features are known)"),
        new(DenseFeatureId.GeoViewedMedianLogKm, "geo.viewed_median_log_km", FeatureGroup.Geo,
            "log1p(weighted median km of touched leads from their median centre) / 3: how wide the user's area is; 0 when unknown"),
        new(DenseFeatureId.GeoViewedDistanceOverMedian, "geo.viewed_distance_over_median", FeatureGroup.Geo,
            "min(km from the median centre of touched leads / (their median km + 0.1), 5) / 2.5; 0 when unknown"),
        new(DenseFeatureId.GeoViewedDistanceQuantile, "geo.viewed_distance_quantile", FeatureGroup.Geo,
            "weight share of other touched leads nearer the median centre than the lead (ties half): 1 = beyond all of them; 0 when unknown"),
        new(DenseFeatureId.UserViewedPriceQuantile, "user.viewed_price_quantile", FeatureGroup.User,
            "weight share of other touched leads cheaper than the lead (ties half); 0 when unknown"),
        new(DenseFeatureId.UserViewedPriceCentrality, "user.viewed_price_centrality", FeatureGroup.User,
            "1 - |2 x viewed price quantile - 1|; 0 when unknown"),
        new(DenseFeatureId.UserViewedPriceGapOverIqr, "user.viewed_price_gap_over_iqr", FeatureGroup.User,
            "clamp((log price - weighted median log price of touched leads) / (their interquartile range + 0.05), -5, 5) / 2.5; 0 when unknown"),
    ];

    public static readonly IReadOnlyList<CategoricalFeature> Categorical =
    [
        new(CategoricalFeatureId.LeadKind, "lead.kind", FeatureGroup.Lead, 1 + Enum.GetValues<Domain.LeadKind>().Length, 3, "1 + LeadKind"),
        new(CategoricalFeatureId.LeadPriceBand, "lead.price_band", FeatureGroup.Lead, 1 + PriceBand.Count, 4, "1 + PriceBand.Of(price)"),
        new(CategoricalFeatureId.LeadGeoBucket, "lead.geo_bucket", FeatureGroup.Geo, 1 + GeoBuckets, 4, "1 + stable hash of the geo cell id mod 1024"),
    ];

    public static DenseFeature Get(DenseFeatureId id) => Dense[(int)id];

    public static CategoricalFeature Get(CategoricalFeatureId id) => Categorical[(int)id];

    public static DenseFeature DenseByName(string name) =>
        Dense.FirstOrDefault(f => f.Name == name) ?? throw new KeyNotFoundException($"No dense feature '{name}'.");

    public static CategoricalFeature CategoricalByName(string name) =>
        Categorical.FirstOrDefault(f => f.Name == name) ?? throw new KeyNotFoundException($"No categorical feature '{name}'.");
}
