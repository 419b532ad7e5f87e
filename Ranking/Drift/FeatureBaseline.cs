using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using LeadRecs.Ranking.Features.Schema;

namespace LeadRecs.Ranking.Drift;

/// <summary>
/// How a model's key dense features were distributed in its training set: per feature, quantile bin edges and the share
/// of rows in each bin. Stored in the model's manifest; a <see cref="DriftMonitor"/> compares serving rows against it.
/// </summary>
/// <remarks>
/// Edges are the lower 10%, 20%, … 90% quantiles (the smallest value with at least that share of rows at or below it),
/// de-duplicated and kept only below the maximum, and bins are right-closed. So with heavy ties (a feature that is 0 for
/// 60% of rows) the tied value gets one bin holding all of it rather than several empty ones, every bin holds training
/// rows, and bins are fewer than ten. A constant feature c gets edges (c⁻, c): bins below c, exactly c and above c, with
/// shares 0, 1, 0, so any other value at serving time shows as drift. Non-finite values are skipped.
/// </remarks>
public sealed record FeatureBaseline(string SchemaVersion, long Rows, IReadOnlyList<FeatureBins> Features)
{
    public const int DefaultBins = 10;

    /// <summary>Fewer rows than this make noisy quantiles; a trainer taking recent rows takes at least this many.</summary>
    public const int MinimumRecentRows = 1000;

    /// <summary>
    /// Features worth watching, present in every schema version: how active, engaged and recent users are, how much of
    /// their activity is in the lead's cell, the lead's price and popularity, and its distance from the user's centre.
    /// Each stayed below PSI 0.16 between training rows and request-time candidates of an unchanged simulated market
    /// (3 seeds); cell demand and supply, the price trend and lead age did not (up to 1.05), see Ranking/Drift/README.md.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultKeyFeatures =
    [
        "user.log_activity",
        "user.log_inquiries",
        "user.log_days_since_active",
        "user.cell_share",
        "lead.log_price",
        "lead.log_popularity",
        "geo.log_distance_km",
    ];

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The binning of a feature by name, or null.</summary>
    public FeatureBins? Find(string name) => Features.FirstOrDefault(f => f.Name == name);

    /// <summary>
    /// Bins <paramref name="keyFeatures"/> over <paramref name="rows"/> dense rows of the vectorizer's schema
    /// (row-major, <see cref="FeatureVectorizer.DenseWidth"/> wide). A name the schema lacks throws <see cref="KeyNotFoundException"/>.
    /// </summary>
    public static FeatureBaseline Build(
        FeatureVectorizer vectorizer, ReadOnlySpan<float> denseRows, int rows, IReadOnlyList<string> keyFeatures, int bins = DefaultBins)
    {
        ArgumentNullException.ThrowIfNull(vectorizer);
        ArgumentNullException.ThrowIfNull(keyFeatures);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        var width = vectorizer.DenseWidth;
        if (denseRows.Length < (long)rows * width)
        {
            throw new ArgumentException($"{rows} rows of schema {vectorizer.Schema.Version} need {(long)rows * width} values; got {denseRows.Length}.");
        }

        var features = new List<FeatureBins>(keyFeatures.Count);
        var values = new double[rows];
        foreach (var name in keyFeatures.Distinct(StringComparer.Ordinal))
        {
            var column = vectorizer.Schema.IndexOfDense(name);
            var n = 0;
            for (var r = 0; r < rows; r++)
            {
                var v = denseRows[r * width + column];
                if (float.IsFinite(v))
                {
                    values[n++] = v;
                }
            }
            features.Add(Bin(name, column, values.AsSpan(0, n), bins));
        }
        return new FeatureBaseline(vectorizer.Schema.Version, rows, features);
    }

    /// <summary>Throws <see cref="InvalidDataException"/> naming the first problem; with a schema, also checks names and columns against it.</summary>
    public void Validate(FeatureSchema? schema = null)
    {
        if (string.IsNullOrWhiteSpace(SchemaVersion) || Features is null)
        {
            throw new InvalidDataException("A baseline needs a schema version and a feature list.");
        }
        if (schema is not null && schema.Version != SchemaVersion)
        {
            throw new InvalidDataException($"The baseline is of schema {SchemaVersion}, the model's is {schema.Version}.");
        }
        foreach (var feature in Features)
        {
            if (feature is null)
            {
                throw new InvalidDataException("A baseline feature is null.");
            }
            if (feature.Problem() is { } problem)
            {
                throw new InvalidDataException($"Baseline feature '{feature.Name}' {problem}.");
            }
            if (schema is not null && (feature.Column >= schema.DenseWidth || schema.Dense[feature.Column].Name != feature.Name))
            {
                throw new InvalidDataException($"Baseline feature '{feature.Name}' is not column {feature.Column} of schema {schema.Version}.");
            }
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static FeatureBaseline FromJson(string json) =>
        JsonSerializer.Deserialize<FeatureBaseline>(json, JsonOptions) ?? throw new JsonException("Baseline JSON is null.");

    private static FeatureBins Bin(string name, int column, Span<double> values, int bins)
    {
        if (values.IsEmpty)
        {
            return new FeatureBins(name, column, [], [1.0]);
        }

        values.Sort();
        var max = values[^1];
        var edges = new List<double>(bins - 1);
        for (var i = 1; i < bins; i++)
        {
            var q = values[(int)(((long)i * values.Length + bins - 1) / bins) - 1]; // ceil(i·n/bins) − 1
            if (q < max && (edges.Count == 0 || q > edges[^1]))
            {
                edges.Add(q);
            }
        }
        if (edges.Count == 0)
        {
            edges.Add(Math.BitDecrement(max));
            edges.Add(max);
        }

        var counts = new long[edges.Count + 1];
        foreach (var v in values)
        {
            counts[FeatureBins.BinOf(CollectionsMarshal.AsSpan(edges), v)]++;
        }
        return new FeatureBins(name, column, edges, PopulationStability.Shares(counts));
    }
}
