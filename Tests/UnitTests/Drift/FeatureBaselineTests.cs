using LeadRecs.Ranking.Drift;
using LeadRecs.Ranking.Features.Schema;

namespace LeadRecs.UnitTests.Drift;

public sealed class FeatureBaselineTests
{
    private static readonly FeatureSchema Schema = FeatureSchemas.V1;

    /// <summary>Rows where <paramref name="feature"/> takes <paramref name="values"/> in order and every other column is 0.</summary>
    private static float[] Column(string feature, IReadOnlyList<float> values)
    {
        var column = Schema.IndexOfDense(feature);
        var dense = new float[values.Count * Schema.DenseWidth];
        for (var r = 0; r < values.Count; r++)
        {
            dense[r * Schema.DenseWidth + column] = values[r];
        }
        return dense;
    }

    private static FeatureBins BinsOf(string feature, IReadOnlyList<float> values) =>
        FeatureBaseline.Build(DriftRows.Vectorizer, Column(feature, values), values.Count, [feature]).Features.Single();

    [Fact]
    public void Distinct_values_get_ten_equal_quantile_bins()
    {
        // 0..999 shuffled: the lower i/10 quantile is value 100i - 1, so edges 99, 199, ..., 899 and 100 rows per bin.
        var values = Enumerable.Range(0, 1000).Select(i => (float)i).OrderBy(v => (v * 7919) % 1000).ToList();

        var bins = BinsOf("lead.log_price", values);

        Assert.Equal(Enumerable.Range(1, 9).Select(i => 100.0 * i - 1), bins.Edges);
        Assert.All(bins.ExpectedShares, s => Assert.Equal(0.1, s, 12));
        Assert.Equal(Schema.IndexOfDense("lead.log_price"), bins.Column);
        Assert.Equal(0, bins.BinOf(-5));
        Assert.Equal(0, bins.BinOf(99)); // right-closed
        Assert.Equal(1, bins.BinOf(99.5));
        Assert.Equal(9, bins.BinOf(1e6));
        Assert.Equal(-1, bins.BinOf(double.NaN));
    }

    [Fact]
    public void Heavy_ties_get_one_bin_with_all_of_the_tied_value_and_no_empty_bins()
    {
        // 600 zeros (a cold user's count) then 1..400: quantiles 10%..60% are all 0, 70% = 100, 80% = 200, 90% = 300.
        var values = Enumerable.Repeat(0f, 600).Concat(Enumerable.Range(1, 400).Select(i => (float)i)).ToList();

        var bins = BinsOf("user.log_activity", values);

        Assert.Equal([0.0, 100.0, 200.0, 300.0], bins.Edges);
        Assert.Equal([0.6, 0.1, 0.1, 0.1, 0.1], bins.ExpectedShares.Select(s => Math.Round(s, 12)));
    }

    [Fact]
    public void A_binary_feature_gets_two_bins_and_a_constant_one_a_bin_of_its_own_between_empty_ones()
    {
        var binary = BinsOf("user.is_cold", Enumerable.Repeat(0f, 70).Concat(Enumerable.Repeat(1f, 30)).ToList());
        var constant = BinsOf("lead.has_area", Enumerable.Repeat(1f, 50).ToList());

        Assert.Equal([0.0], binary.Edges);
        Assert.Equal([0.7, 0.3], binary.ExpectedShares.Select(s => Math.Round(s, 12)));
        Assert.Equal([Math.BitDecrement(1.0), 1.0], constant.Edges);
        Assert.Equal([0.0, 1.0, 0.0], constant.ExpectedShares);
        Assert.Equal(1, constant.BinOf(1));
        Assert.Equal(0, constant.BinOf(0.999f));
        Assert.Equal(2, constant.BinOf(1.001f));
    }

    [Fact]
    public void Non_finite_values_are_skipped()
    {
        var bins = BinsOf("lead.log_price", [float.NaN, 1, 2, float.PositiveInfinity, 3, 4]);

        Assert.Equal(1.0, bins.ExpectedShares.Sum(), 12);
        Assert.True(bins.Edges.All(double.IsFinite));
        Assert.Equal([1.0, 2.0, 3.0], bins.Edges);
    }

    [Fact]
    public void Round_trips_through_json_with_camel_case_names()
    {
        var rows = DriftRows.Draw(2_000, seed: 1, r => Math.Round(DriftRows.Normal(r), 1));
        var baseline = FeatureBaseline.Build(DriftRows.Vectorizer, rows, 2_000, FeatureBaseline.DefaultKeyFeatures);

        var json = baseline.ToJson();
        var back = FeatureBaseline.FromJson(json);

        Assert.Contains("\"schemaVersion\":\"v1\"", json);
        Assert.Contains("\"expectedShares\":", json);
        Assert.Equal("v1", back.SchemaVersion);
        Assert.Equal(2_000, back.Rows);
        Assert.Equal(baseline.Features.Select(f => f.Name), back.Features.Select(f => f.Name));
        for (var i = 0; i < baseline.Features.Count; i++)
        {
            Assert.Equal(baseline.Features[i].Column, back.Features[i].Column);
            Assert.Equal(baseline.Features[i].Edges, back.Features[i].Edges);
            Assert.Equal(baseline.Features[i].ExpectedShares, back.Features[i].ExpectedShares);
        }
        back.Validate(Schema);
    }

    [Fact]
    public void Validation_catches_a_baseline_that_does_not_fit_its_schema()
    {
        var rows = DriftRows.Draw(500, seed: 2, r => r.NextDouble());
        var baseline = FeatureBaseline.Build(DriftRows.Vectorizer, rows, 500, ["lead.log_price"]);
        var moved = baseline with { Features = [baseline.Features[0] with { Column = 3 }] };
        var unsorted = baseline with { Features = [baseline.Features[0] with { Edges = [.. baseline.Features[0].Edges.Reverse()] }] };

        Assert.Throws<InvalidDataException>(() => baseline.Validate(FeatureSchemas.V2)); // another version
        Assert.Throws<InvalidDataException>(() => moved.Validate(Schema));
        Assert.Throws<InvalidDataException>(() => unsorted.Validate());
        Assert.Throws<KeyNotFoundException>(() => FeatureBaseline.Build(DriftRows.Vectorizer, rows, 500, ["geo.neighbourhood_share"])); // v2 only
        Assert.Throws<ArgumentException>(() => FeatureBaseline.Build(DriftRows.Vectorizer, rows, 501, ["lead.log_price"]));
    }

    [Fact]
    public void Default_key_features_exist_in_every_schema_version()
    {
        Assert.InRange(FeatureBaseline.DefaultKeyFeatures.Count, 5, 8);
        Assert.All(FeatureSchemas.All, schema => Assert.All(FeatureBaseline.DefaultKeyFeatures, f => schema.IndexOfDense(f)));
    }
}
