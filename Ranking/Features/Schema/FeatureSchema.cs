using System.Collections.Immutable;
using System.Globalization;
using LeadRecs.Ranking.Data;
using LeadRecs.Ranking.Model;

namespace LeadRecs.Ranking.Features.Schema;

/// <summary>
/// One immutable version of the model's input contract: which features, in which column order. A model records
/// the version it was trained on (<see cref="ModelManifest.SchemaVersion"/>) and is always fed by that version's
/// vectorizer, so adding a feature means a new version and never disturbs a model already serving.
/// </summary>
public sealed class FeatureSchema
{
    internal FeatureSchema(string version, IEnumerable<DenseFeatureId> dense, IEnumerable<CategoricalFeatureId> categorical)
    {
        Version = version;
        Dense = dense.Select(FeatureCatalog.Get).ToImmutableArray();
        Categorical = categorical.Select(FeatureCatalog.Get).ToImmutableArray();
        if (Dense.Select(f => f.Id).Distinct().Count() != Dense.Length
            || Categorical.Select(f => f.Id).Distinct().Count() != Categorical.Length)
        {
            throw new ArgumentException($"Schema {version} lists a feature twice.");
        }
        Fingerprint = ComputeFingerprint();
    }

    /// <summary>"v1", "v2", ...</summary>
    public string Version { get; }

    public ImmutableArray<DenseFeature> Dense { get; }

    public ImmutableArray<CategoricalFeature> Categorical { get; }

    public int DenseWidth => Dense.Length;

    public int CategoricalCount => Categorical.Length;

    /// <summary>A hash of the version, the column names and vocabularies: a test pins it, so an edit to a released schema fails.</summary>
    public string Fingerprint { get; }

    /// <summary>The column of a dense feature in this version's input.</summary>
    public int IndexOfDense(string name)
    {
        for (var i = 0; i < Dense.Length; i++)
        {
            if (Dense[i].Name == name)
            {
                return i;
            }
        }
        throw new KeyNotFoundException($"Schema {Version} has no dense feature '{name}'.");
    }

    /// <summary>The column of a categorical feature in this version's input.</summary>
    public int IndexOfCategorical(string name)
    {
        for (var i = 0; i < Categorical.Length; i++)
        {
            if (Categorical[i].Name == name)
            {
                return i;
            }
        }
        throw new KeyNotFoundException($"Schema {Version} has no categorical feature '{name}'.");
    }

    /// <summary>A network shape whose inputs match this schema's columns.</summary>
    public ModelSpec ToModelSpec(IReadOnlyList<int> hiddenSizes, int seed = 1) => new(
        DenseWidth,
        Categorical.Select(c => new CategoricalFeatureSpec(c.Name, c.VocabularySize, c.EmbeddingDim)).ToArray(),
        hiddenSizes,
        seed);

    public override string ToString() => $"{Version} ({DenseWidth} dense, {CategoricalCount} categorical)";

    private string ComputeFingerprint()
    {
        var text = string.Join(';', [
            Version,
            .. Dense.Select(f => f.Name),
            .. Categorical.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name}:{f.VocabularySize}")),
        ]);
        return StableHash.Fnv1a(text).ToString("x16", CultureInfo.InvariantCulture);
    }
}
