using System.Collections.Concurrent;
using LeadRecs.Ranking.Candidates;

namespace LeadRecs.Ranking.Features.Schema;

/// <summary>
/// Builds model inputs for one <see cref="FeatureSchema"/> version: for each (user, lead) pair a row of
/// <see cref="DenseWidth"/> floats and <see cref="CategoricalCount"/> ids, in the schema's column order,
/// written into spans the caller owns. Nothing is allocated per candidate, so it can sit on the request path.
/// Stateless and thread-safe; one instance per version is shared.
/// </summary>
public sealed class FeatureVectorizer
{
    private static readonly ConcurrentDictionary<string, FeatureVectorizer> ByVersion = new(StringComparer.Ordinal);

    private readonly int[] _denseColumns;
    private readonly int[] _categoricalColumns;

    // When a schema's columns are the catalog's first ids in order (from v2 on, every version so far), the calculators
    // write straight into the row and compute only the columns the row has room for.
    private readonly bool _denseIsCatalog;
    private readonly bool _categoricalIsCatalog;

    private FeatureVectorizer(FeatureSchema schema)
    {
        Schema = schema;
        _denseColumns = schema.Dense.Select(f => (int)f.Id).ToArray();
        _categoricalColumns = schema.Categorical.Select(f => (int)f.Id).ToArray();
        _denseIsCatalog = IsCatalogPrefix(_denseColumns, DenseFeatureCalculator.V2Count);
        _categoricalIsCatalog = IsCatalogPrefix(_categoricalColumns, CategoricalFeatureCalculator.Count);
    }

    public FeatureSchema Schema { get; }

    public int DenseWidth => _denseColumns.Length;

    public int CategoricalCount => _categoricalColumns.Length;

    public static FeatureVectorizer For(FeatureSchema schema) => ByVersion.GetOrAdd(schema.Version, _ => new FeatureVectorizer(schema));

    /// <summary>The vectorizer of a released version; throws <see cref="NotSupportedException"/> for one this build does not know.</summary>
    public static FeatureVectorizer For(string schemaVersion) => For(FeatureSchemas.Get(schemaVersion));

    /// <summary>One row: <paramref name="dense"/> needs <see cref="DenseWidth"/> slots, <paramref name="categorical"/> <see cref="CategoricalCount"/>.</summary>
    public void Vectorize(UserFeatureContext user, LeadCandidate lead, Span<float> dense, Span<int> categorical)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(lead);
        if (dense.Length < DenseWidth || categorical.Length < CategoricalCount)
        {
            throw new ArgumentException($"A row of schema {Schema.Version} needs {DenseWidth} dense and {CategoricalCount} categorical slots.");
        }

        var logPrice = Math.Log(Math.Max(lead.Price, 1.0));
        var band = PriceBand.Of(lead.Price);
        if (_denseIsCatalog)
        {
            DenseFeatureCalculator.Compute(user, lead, logPrice, band, dense[..DenseWidth]);
        }
        else
        {
            Span<float> allDense = stackalloc float[DenseFeatureCalculator.Count];
            DenseFeatureCalculator.Compute(user, lead, logPrice, band, allDense);
            for (var i = 0; i < _denseColumns.Length; i++)
            {
                dense[i] = allDense[_denseColumns[i]];
            }
        }
        if (_categoricalIsCatalog)
        {
            CategoricalFeatureCalculator.Compute(user, lead, band, categorical[..CategoricalCount]);
        }
        else
        {
            Span<int> allIds = stackalloc int[CategoricalFeatureCalculator.Count];
            CategoricalFeatureCalculator.Compute(user, lead, band, allIds);
            for (var i = 0; i < _categoricalColumns.Length; i++)
            {
                categorical[i] = allIds[_categoricalColumns[i]];
            }
        }
    }

    /// <summary>Rows for every candidate, row-major, features as of <paramref name="now"/>.</summary>
    public void Vectorize(UserProfile user, IReadOnlyList<LeadCandidate> leads, DateTimeOffset now, Span<float> dense, Span<int> categorical)
    {
        ArgumentNullException.ThrowIfNull(leads);
        if (dense.Length < leads.Count * DenseWidth || categorical.Length < leads.Count * CategoricalCount)
        {
            throw new ArgumentException($"Buffers too small for {leads.Count} rows of schema {Schema.Version}.");
        }

        var context = UserFeatureContext.From(user, now);
        for (var i = 0; i < leads.Count; i++)
        {
            Vectorize(context, leads[i], dense.Slice(i * DenseWidth, DenseWidth), categorical.Slice(i * CategoricalCount, CategoricalCount));
        }
    }

    private static bool IsCatalogPrefix(int[] columns, int minimumCount) =>
        columns.Length >= minimumCount && columns.Select((id, i) => id == i).All(same => same);
}
