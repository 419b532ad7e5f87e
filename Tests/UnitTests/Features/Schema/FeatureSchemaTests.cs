using LeadRecs.Ranking.Features.Schema;

namespace LeadRecs.UnitTests.Features.Schema;

public sealed class FeatureSchemaTests
{
    // The released column lists. A model trained on a version is fed exactly these columns forever: if one of
    // these assertions fails, a released schema was edited — add a new version instead.
    private static readonly string[] V1Dense =
    [
        "user.log_activity", "user.log_views", "user.log_clicks", "user.log_inquiries", "user.log_days_since_active", "user.is_cold",
        "user.kind_share", "user.kind_share_of_top", "user.price_band_share", "user.near_price_band_share",
        "user.log_price_gap", "user.abs_log_price_gap", "user.bedroom_gap", "user.has_bedroom_gap", "user.cell_share",
        "lead.log_price", "lead.log_area", "lead.has_area", "lead.bedrooms", "lead.has_bedrooms", "lead.log_age_days", "lead.log_popularity",
        "market.price_trend",
        "geo.log_cell_demand", "geo.log_cell_supply", "geo.log_demand_per_listing", "geo.log_distance_km", "geo.proximity",
    ];

    private static readonly string[] V2Added =
    [
        "geo.neighbourhood_share", "geo.distance_over_spread",
        "user.has_engaged", "user.log_engaged_weight", "user.engaged_log_price_gap", "user.engaged_abs_log_price_gap",
        "user.engaged_price_gap_over_spread", "user.engaged_bedroom_gap", "geo.engaged_log_distance_km", "geo.engaged_distance_over_spread",
        "user.engaged_kind_share", "user.engaged_price_quantile", "user.engaged_price_centrality", "user.engaged_bedrooms_at_least",
        "geo.engaged_density_1km", "geo.engaged_density_3km", "geo.engaged_nearest_log_km",
    ];

    private static readonly string[] V3Added =
    [
        "user.has_viewed", "geo.viewed_median_log_km", "geo.viewed_distance_over_median", "geo.viewed_distance_quantile",
        "user.viewed_price_quantile", "user.viewed_price_centrality", "user.viewed_price_gap_over_iqr",
    ];

    private static readonly string[] Categorical = ["lead.kind", "lead.price_band", "lead.geo_bucket"];

    [Fact]
    public void Released_versions_keep_their_columns_and_fingerprints()
    {
        Assert.Equal(V1Dense, FeatureSchemas.V1.Dense.Select(f => f.Name));
        Assert.Equal(Categorical, FeatureSchemas.V1.Categorical.Select(f => f.Name));
        Assert.Equal([.. V1Dense, .. V2Added], FeatureSchemas.V2.Dense.Select(f => f.Name));
        Assert.Equal(Categorical, FeatureSchemas.V2.Categorical.Select(f => f.Name));
        Assert.Equal([.. V1Dense, .. V2Added, .. V3Added], FeatureSchemas.V3.Dense.Select(f => f.Name));
        Assert.Equal(Categorical, FeatureSchemas.V3.Categorical.Select(f => f.Name));
        Assert.Equal([7, 17, 1025], FeatureSchemas.V1.Categorical.Select(f => f.VocabularySize));
        Assert.Equal("bf8dfb7efccb1d48", FeatureSchemas.V1.Fingerprint);
        Assert.Equal("1b02099795ca6a01", FeatureSchemas.V2.Fingerprint);
        Assert.Equal("e3477860efd02545", FeatureSchemas.V3.Fingerprint);
    }

    [Fact]
    public void A_later_version_only_appends_so_every_older_column_keeps_its_meaning()
    {
        for (var i = 1; i < FeatureSchemas.All.Count; i++)
        {
            var older = FeatureSchemas.All[i - 1];
            var newer = FeatureSchemas.All[i];
            Assert.Equal(older.Dense, newer.Dense.Take(older.DenseWidth));
            Assert.Equal(older.Categorical, newer.Categorical.Take(older.CategoricalCount));
        }
        Assert.Same(FeatureSchemas.V3, FeatureSchemas.Latest);
    }

    [Fact]
    public void The_catalog_is_indexed_by_id_and_names_are_unique()
    {
        Assert.Equal(Enum.GetValues<DenseFeatureId>(), FeatureCatalog.Dense.Select(f => f.Id));
        Assert.Equal(Enum.GetValues<CategoricalFeatureId>(), FeatureCatalog.Categorical.Select(f => f.Id));
        Assert.Equal(FeatureCatalog.Dense.Count, FeatureCatalog.Dense.Select(f => f.Name).Distinct().Count());
        Assert.All(FeatureCatalog.Dense, f => Assert.Matches("^(user|lead|market|geo)\\.[a-z0-9_]+$", f.Name));
        Assert.All(FeatureCatalog.Dense, f => Assert.StartsWith(f.Group.ToString().ToLowerInvariant() + ".", f.Name));
    }

    [Fact]
    public void Versions_are_looked_up_by_name_and_an_unknown_one_is_refused()
    {
        Assert.Same(FeatureSchemas.V1, FeatureSchemas.Get("v1"));
        Assert.True(FeatureSchemas.TryGet("v2", out var v2));
        Assert.Same(FeatureSchemas.V2, v2);
        Assert.False(FeatureSchemas.TryGet("v99", out _));
        var error = Assert.Throws<NotSupportedException>(() => FeatureVectorizer.For("v99"));
        Assert.Contains("v1, v2, v3", error.Message);
    }

    [Fact]
    public void A_schema_describes_a_network_with_matching_inputs()
    {
        var spec = FeatureSchemas.V1.ToModelSpec([16, 8], seed: 3);

        Assert.Equal(FeatureSchemas.V1.DenseWidth, spec.DenseWidth);
        Assert.Equal(Categorical, spec.Categorical.Select(c => c.Name));
        Assert.Equal([16, 8], spec.HiddenSizes);
        Assert.Equal(FeatureSchemas.V1.IndexOfDense("lead.log_price"), Array.IndexOf(V1Dense, "lead.log_price"));
        Assert.Throws<KeyNotFoundException>(() => FeatureSchemas.V1.IndexOfDense("geo.neighbourhood_share"));
    }
}
