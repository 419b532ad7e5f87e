using LeadRecs.Ranking.Candidates;
using StableHash = LeadRecs.Ranking.Data.StableHash;
using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Features.Schema;
using LeadRecs.Ranking.Geo;

namespace LeadRecs.UnitTests.Features.Schema;

public sealed class FeatureVectorizerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly FeatureVectorizer V1 = FeatureVectorizer.For(FeatureSchemas.V1);
    private static readonly FeatureVectorizer V2 = FeatureVectorizer.For(FeatureSchemas.V2);
    private static readonly FeatureVectorizer V3 = FeatureVectorizer.For(FeatureSchemas.V3);

    /// <summary>One click on a 3-bedroom house at (47.6, -122.3) for 400k, read back at the same moment (no decay).</summary>
    private static UserProfile OneClickUser()
    {
        var features = new UserFeatures();
        features.Apply(Facts("seen", 47.6, -122.3, 400_000, LeadKind.House, 3), InteractionKind.Click, T0, FeatureOptions.Default);
        return features.ToProfile("u", T0, FeatureOptions.Default);
    }

    private static LeadFacts Facts(string id, double lat, double lon, double price, LeadKind kind, int? beds) =>
        new(id, lat, lon, price, kind, beds, GeoCell.FromLatLon(lat, lon).ToString());

    private static LeadCandidate Lead(
        string id = "x", double lat = 47.61, double lon = -122.3, double price = 600_000, LeadKind kind = LeadKind.Condo,
        int? beds = 2, double? area = 90, double popularity = 4, double demand = 20, int supply = 9, double trend = 0.05) =>
        new(id, lat, lon, price, kind, beds, area, T0.AddDays(-9), LeadStatus.Active, popularity,
            GeoCell.FromLatLon(lat, lon).ToString(), demand, supply, trend);

    private static (float[] Dense, int[] Ids) Row(FeatureVectorizer vectorizer, UserProfile user, LeadCandidate lead)
    {
        var dense = new float[vectorizer.DenseWidth];
        var ids = new int[vectorizer.CategoricalCount];
        vectorizer.Vectorize(UserFeatureContext.From(user, T0), lead, dense, ids);
        return (dense, ids);
    }

    private static float Value(FeatureVectorizer vectorizer, float[] dense, string name) => dense[vectorizer.Schema.IndexOfDense(name)];

    [Fact]
    public void Lead_market_and_geo_columns_match_hand_computed_values()
    {
        var lead = Lead();
        var (dense, ids) = Row(V1, OneClickUser(), lead);
        float F(string name) => Value(V1, dense, name);

        Assert.Equal((float)(Math.Log(600_000) - 13), F("lead.log_price"), 5);
        Assert.Equal((float)(Math.Log(90) - 5), F("lead.log_area"), 5);
        Assert.Equal(1f, F("lead.has_area"));
        Assert.Equal(0.4f, F("lead.bedrooms"), 6);
        Assert.Equal((float)(Math.Log(10) / 5), F("lead.log_age_days"), 5);       // listed 9 days ago
        Assert.Equal((float)(Math.Log(5) / 3), F("lead.log_popularity"), 5);
        Assert.Equal(0.5f, F("market.price_trend"), 6);                           // 5%/month x 10
        Assert.Equal((float)(Math.Log(21) / 5), F("geo.log_cell_demand"), 5);
        Assert.Equal((float)(Math.Log(10) / 5), F("geo.log_cell_supply"), 5);
        Assert.Equal((float)(Math.Log(1 + 20 / 10.0) / 3), F("geo.log_demand_per_listing"), 5);
        var km = GeoDistance.Kilometres(47.6, -122.3, 47.61, -122.3);
        Assert.Equal((float)(Math.Log(1 + km) / 3), F("geo.log_distance_km"), 5);
        Assert.Equal((float)Math.Exp(-km / 4), F("geo.proximity"), 5);

        Assert.Equal(1 + (int)LeadKind.Condo, ids[FeatureSchemas.V1.IndexOfCategorical("lead.kind")]);
        Assert.Equal(1 + PriceBand.Of(600_000), ids[FeatureSchemas.V1.IndexOfCategorical("lead.price_band")]);
        Assert.Equal(1 + (int)(StableHash.Fnv1a(lead.CellId) % FeatureCatalog.GeoBuckets), ids[FeatureSchemas.V1.IndexOfCategorical("lead.geo_bucket")]);
    }

    [Fact]
    public void User_columns_compare_the_lead_with_the_users_history()
    {
        var (dense, _) = Row(V1, OneClickUser(), Lead());
        float F(string name) => Value(V1, dense, name);

        // One click: weight 3 on kind House, the 400k band and its cell; one decayed click, no views or inquiries.
        Assert.Equal((float)(Math.Log(4) / 5), F("user.log_activity"), 5);
        Assert.Equal(0f, F("user.log_views"));
        Assert.Equal((float)(Math.Log(2) / 4), F("user.log_clicks"), 5);
        Assert.Equal(0f, F("user.log_days_since_active"));
        Assert.Equal(0f, F("user.is_cold"));
        Assert.Equal(0f, F("user.kind_share"));                 // the lead is a condo, the user only clicked a house
        Assert.Equal(0f, F("user.kind_share_of_top"));
        Assert.Equal(PriceBand.Of(600_000) == PriceBand.Of(400_000) ? 1f : 0f, F("user.price_band_share"));
        Assert.Equal(1f, F("user.near_price_band_share"));     // 400k and 600k are one 1.5x band apart
        Assert.Equal((float)Math.Log(600_000.0 / 400_000), F("user.log_price_gap"), 5);
        Assert.Equal((float)Math.Log(1.5), F("user.abs_log_price_gap"), 5);
        Assert.Equal(-0.5f, F("user.bedroom_gap"), 6);          // (2 - 3) / 2
        Assert.Equal(1f, F("user.has_bedroom_gap"));
        Assert.Equal(GeoCell.FromLatLon(47.6, -122.3) == GeoCell.FromLatLon(47.61, -122.3) ? 1f : 0f, F("user.cell_share"));
    }

    [Fact]
    public void Engaged_columns_exclude_the_lead_itself_and_read_quantiles()
    {
        var features = new UserFeatures();
        features.Apply(Facts("a", 47.60, -122.30, 300_000, LeadKind.House, 3), InteractionKind.Click, T0, FeatureOptions.Default);
        features.Apply(Facts("b", 47.60, -122.30, 500_000, LeadKind.House, 4), InteractionKind.Click, T0, FeatureOptions.Default);
        features.Apply(Facts("far", 47.90, -122.30, 700_000, LeadKind.Condo, 1), InteractionKind.View, T0, FeatureOptions.Default);
        var user = features.ToProfile("u", T0, FeatureOptions.Default);

        var (dense, _) = Row(V2, user, Lead("new", 47.60, -122.30, 400_000, LeadKind.House, beds: 3));
        float F(string name) => Value(V2, dense, name);
        Assert.Equal(1f, F("user.has_engaged"));
        Assert.Equal(1f, F("user.engaged_kind_share"));         // views do not count as engagement
        Assert.Equal(0.5f, F("user.engaged_price_quantile"));   // cheaper than b, dearer than a
        Assert.Equal(1f, F("user.engaged_price_centrality"));
        Assert.Equal(0.5f, F("user.engaged_bedrooms_at_least")); // at least a's 3 bedrooms, fewer than b's 4
        Assert.Equal(1f, F("geo.engaged_density_1km"), 5);       // both clicks are right here
        Assert.Equal(0f, F("geo.engaged_nearest_log_km"), 5);
        Assert.Equal(0f, F("geo.engaged_log_distance_km"), 4);

        // Scoring lead "a" itself compares it with b only: a click on a lead must not make it look like the user's taste.
        var (self, _) = Row(V2, user, Lead("a", 47.60, -122.30, 300_000, LeadKind.House, beds: 3));
        Assert.Equal(0f, Value(V2, self, "user.engaged_price_quantile"));
        Assert.Equal(0f, Value(V2, self, "user.engaged_bedrooms_at_least"));
    }

    [Fact]
    public void Viewed_columns_read_the_spread_of_every_touched_lead_without_the_lead_itself()
    {
        // Four views around (47.60, -122.30) at 1-4 km due north, prices 300k-600k, and one far exploring view.
        var features = new UserFeatures();
        for (var i = 1; i <= 4; i++)
        {
            features.Apply(Facts($"v{i}", 47.60 + i / 111.195, -122.30, 200_000 + i * 100_000, LeadKind.House, 3), InteractionKind.View, T0, FeatureOptions.Default);
        }
        features.Apply(Facts("far", 47.95, -122.30, 2_000_000, LeadKind.Condo, 1), InteractionKind.View, T0, FeatureOptions.Default);
        var user = features.ToProfile("u", T0, FeatureOptions.Default);

        // The median centre is the third lead north (v3): the far view moves it one lead, not 7 km like a mean.
        var (dense, _) = Row(V3, user, Lead("new", 47.60 + 3 / 111.195, -122.30, 450_000));
        float F(string name) => Value(V3, dense, name);
        Assert.Equal(1f, F("user.has_viewed"));
        var medianKm = 1.0; // distances from v3: 2, 1, 0, 1, 35 km; the weighted median is 1
        Assert.Equal((float)(Math.Log(1 + medianKm) / 3), F("geo.viewed_median_log_km"), 3);
        Assert.Equal(0f, F("geo.viewed_distance_over_median"), 3);
        Assert.Equal(0.1f, F("geo.viewed_distance_quantile"), 3);         // v3 sits at the centre too: half of 1/5
        Assert.Equal(0.4f, F("user.viewed_price_quantile"), 5);           // 300k and 400k of five are cheaper
        Assert.Equal(0.8f, F("user.viewed_price_centrality"), 5);
        var gap = (Math.Log(450_000) - Math.Log(500_000)) / (Math.Log(600_000) - Math.Log(400_000) + 0.05);
        Assert.Equal((float)(gap / 2.5), F("user.viewed_price_gap_over_iqr"), 5);

        // Scoring v3 itself compares it with the four others: a view must not make a lead look like the user's taste.
        var (self, _) = Row(V3, user, Lead("v3", 47.60 + 3 / 111.195, -122.30, 500_000));
        Assert.Equal(0f, Value(V3, self, "geo.viewed_distance_quantile"), 5); // the others are all farther
        Assert.Equal(0.5f, Value(V3, self, "user.viewed_price_quantile"), 5); // 300k and 400k of the other four

        // A version without the viewed columns is unchanged by them.
        var (v2, _) = Row(V2, user, Lead("new", 47.60 + 3 / 111.195, -122.30, 450_000));
        Assert.Equal(v2, dense.Take(V2.DenseWidth));
    }

    [Fact]
    public void A_cold_user_gets_the_cold_flag_and_zeros_for_what_is_unknown()
    {
        var (dense, _) = Row(V3, UserProfile.Cold("new", T0), Lead());

        Assert.Equal(1f, Value(V3, dense, "user.is_cold"));
        foreach (var name in new[]
        {
            "user.log_price_gap", "user.bedroom_gap", "geo.log_distance_km", "geo.proximity", "user.has_engaged", "geo.engaged_density_3km",
            "user.has_viewed", "geo.viewed_distance_quantile", "user.viewed_price_gap_over_iqr",
        })
        {
            Assert.Equal(0f, Value(V3, dense, name));
        }
        Assert.All(dense, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Neighbourhood_share_counts_the_lead_cell_and_the_eight_around_it()
    {
        var features = new UserFeatures();
        var home = GeoCell.FromLatLon(47.6, -122.3);
        var (lat, lon) = home.Center;
        var next = new GeoCell(home.Zoom, home.X + 1, home.Y).Center;
        var far = new GeoCell(home.Zoom, home.X + 3, home.Y).Center;
        features.Apply(Facts("a", lat, lon, 400_000, LeadKind.House, 3), InteractionKind.View, T0, FeatureOptions.Default);
        features.Apply(Facts("b", next.Lat, next.Lon, 400_000, LeadKind.House, 3), InteractionKind.View, T0, FeatureOptions.Default);
        features.Apply(Facts("c", far.Lat, far.Lon, 400_000, LeadKind.House, 3), InteractionKind.Click, T0, FeatureOptions.Default);
        var user = features.ToProfile("u", T0, FeatureOptions.Default);

        var (dense, _) = Row(V2, user, Lead(lat: lat, lon: lon));

        Assert.Equal(2f / 5f, Value(V2, dense, "geo.neighbourhood_share"), 5);   // views weigh 1 each, the far click 3
        Assert.Equal(1f / 5f, Value(V2, dense, "user.cell_share"), 5);
    }

    [Fact]
    public void A_version_gets_the_same_values_for_the_columns_it_shares_with_another()
    {
        var user = OneClickUser();
        var lead = Lead();
        var (v1, ids1) = Row(V1, user, lead);
        var (v2, ids2) = Row(V2, user, lead);

        Assert.Equal(v1, v2.Take(V1.DenseWidth));
        Assert.Equal(ids1, ids2);
    }

    [Fact]
    public void Batches_match_single_rows_and_allocate_nothing_per_candidate()
    {
        var user = OneClickUser();
        var leads = Enumerable.Range(0, 200)
            .Select(i => Lead($"l{i}", 47.5 + i * 0.001, -122.3 - i * 0.001, 200_000 + i * 5_000, (LeadKind)(i % 6), i % 5, popularity: i))
            .ToArray();
        foreach (var vectorizer in new[] { V2, V3 })
        {
            var dense = new float[leads.Length * vectorizer.DenseWidth];
            var ids = new int[leads.Length * vectorizer.CategoricalCount];
            vectorizer.Vectorize(user, leads, T0, dense, ids);

            var row = new float[vectorizer.DenseWidth];
            var rowIds = new int[vectorizer.CategoricalCount];
            var context = UserFeatureContext.From(user, T0);
            vectorizer.Vectorize(context, leads[37], row, rowIds);
            Assert.Equal(row, dense.AsSpan(37 * vectorizer.DenseWidth, vectorizer.DenseWidth).ToArray());
            Assert.Equal(rowIds, ids.AsSpan(37 * vectorizer.CategoricalCount, vectorizer.CategoricalCount).ToArray());

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < leads.Length; i++)
            {
                vectorizer.Vectorize(
                    context, leads[i], dense.AsSpan(i * vectorizer.DenseWidth, vectorizer.DenseWidth),
                    ids.AsSpan(i * vectorizer.CategoricalCount, vectorizer.CategoricalCount));
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    [Fact]
    public void Short_buffers_are_refused()
    {
        var context = UserFeatureContext.From(OneClickUser(), T0);
        Assert.Throws<ArgumentException>(() => V1.Vectorize(context, Lead(), new float[V1.DenseWidth - 1], new int[V1.CategoricalCount]));
        Assert.Throws<ArgumentException>(() => V1.Vectorize(OneClickUser(), [Lead(), Lead()], T0, new float[V1.DenseWidth], new int[2 * V1.CategoricalCount]));
    }
}
