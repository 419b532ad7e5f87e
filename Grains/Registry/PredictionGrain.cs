using LeadRecs.Grains.Interfaces.Models;
using LeadRecs.Grains.Models;
using Orleans.Concurrency;

namespace LeadRecs.Grains.Registry;

/// <summary>
/// Raw scoring with this silo's loaded sessions, for the TensorFlow-Serving-compatible API. A stateless worker:
/// every silo has its own, calls never cross silos, and it scales with the silo's cores.
/// </summary>
[StatelessWorker]
public sealed class PredictionGrain(ServingModels models) : Grain, IPredictionGrain
{
    public const int MaxRows = 4096;

    public Task<PredictionResult> DescribeAsync(string modelName, string? version, string? label) =>
        Task.FromResult(Describe(modelName, version, label, out _));

    public Task<PredictionResult> PredictAsync(string modelName, string? version, string? label, float[] dense, long[] categorical, int rows)
    {
        var described = Describe(modelName, version, label, out var scorer);
        if (scorer is null)
        {
            return Task.FromResult(described);
        }
        var model = scorer.Inner;
        string? error = rows is < 1 or > MaxRows
            ? $"must have 1 to {MaxRows} rows."
            : dense.Length != rows * model.Vectorizer.DenseWidth
                ? $"dense input must be [{rows}, {model.Vectorizer.DenseWidth}] ({rows * model.Vectorizer.DenseWidth} values), got {dense.Length}."
                : categorical.Length != rows * model.Vectorizer.CategoricalCount
                    ? $"categorical input must be [{rows}, {model.Vectorizer.CategoricalCount}] ({rows * model.Vectorizer.CategoricalCount} values), got {categorical.Length}."
                    : dense.Any(v => !float.IsFinite(v)) ? "dense values must be finite numbers." : null;
        if (error is not null)
        {
            return Task.FromResult(described with { Error = error });
        }

        // Ids beyond int range are unknown categories, as the graph treats any id outside its vocabulary.
        var ids = categorical.Select(v => v is < 0 or > int.MaxValue ? 0 : (int)v).ToArray();
        var scores = new float[rows];
        model.ScoreRows(dense, ids, rows, scores);
        return Task.FromResult(described with { Scores = scores });
    }

    private PredictionResult Describe(string modelName, string? version, string? label, out RegisteredScorer? scorer)
    {
        scorer = modelName == models.Snapshot.ModelName ? models.Find(version, label) : null;
        if (scorer is null)
        {
            var what = version is not null ? $"version {version}" : $"label {label ?? RegistrySnapshot.StableLabel}";
            return new PredictionResult(modelName, version, null, 0, 0, [], [], null, $"Model {modelName} has no live {what}.", NotFound: true);
        }
        var schema = scorer.Inner.Vectorizer.Schema;
        return new PredictionResult(
            modelName, scorer.Model.Version, schema.Version, schema.DenseWidth, schema.CategoricalCount,
            schema.Dense.Select(f => f.Name).ToArray(), schema.Categorical.Select(f => f.Name).ToArray(), null);
    }
}
