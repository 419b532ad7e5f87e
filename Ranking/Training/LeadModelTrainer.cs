using System.Diagnostics;
using System.Globalization;
using LeadRecs.Ranking.Drift;
using LeadRecs.Ranking.Features.Schema;
using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Onnx;

namespace LeadRecs.Ranking.Training;

/// <summary>
/// The training pipeline: history → point-in-time training set → <see cref="RankingTrainer"/> → ONNX →
/// <see cref="ModelArtifact"/> whose manifest records the schema version, the data summary and offline metrics.
/// CPU-bound and synchronous; callers on a scheduler they must not block run it on the thread pool.
/// </summary>
public sealed class LeadModelTrainer(LeadModelTrainerOptions? options = null)
{
    public const string ValidationAucMetric = "validation_auc";
    public const string ValidationLogLossMetric = "validation_log_loss";

    public LeadModelTrainerOptions Options { get; } = options ?? new LeadModelTrainerOptions();

    public LeadModelTrainingResult Train(
        MarketHistory history, IProgress<LeadModelTrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        var o = Options;
        var clock = Stopwatch.StartNew();

        progress?.Report(new(LeadModelTrainingStage.BuildingTrainingSet, 0, "building the point-in-time training set"));
        var buildProgress = progress is null ? null : new SyncProgress<TrainingSetProgress>(p => progress.Report(new(
            LeadModelTrainingStage.BuildingTrainingSet,
            p.TotalInteractions == 0 ? 1 : (double)p.Interactions / p.TotalInteractions,
            Invariant($"replayed {p.Interactions:N0}/{p.TotalInteractions:N0} interactions, {p.Rows:N0} rows"))));
        var set = TrainingSetBuilder.Build(history, o.TrainingSet, buildProgress, cancellationToken);
        var buildTime = clock.Elapsed;
        if (set.Count == 0 || set.Positives == 0)
        {
            throw new InvalidOperationException($"The history gave {set.Count} rows and {set.Positives} positives: nothing to learn from.");
        }

        var spec = set.Schema.ToModelSpec(o.HiddenSizes, o.ModelSeed);
        var epochProgress = progress is null ? null : new SyncProgress<TrainingProgress>(e => progress.Report(new(
            LeadModelTrainingStage.Training,
            (double)e.Epoch / o.Trainer.MaxEpochs,
            Invariant($"epoch {e.Epoch}/{o.Trainer.MaxEpochs}: train loss {e.TrainLoss:0.0000}, validation loss {e.ValidationLoss:0.0000}, AUC {e.ValidationAuc:0.0000}, {e.SamplesPerSecond:N0} samples/s"),
            e)));
        var training = new RankingTrainer(o.Trainer).Train(spec, set.Data, epochProgress, cancellationToken);
        var trainTime = clock.Elapsed - buildTime;

        progress?.Report(new(LeadModelTrainingStage.Exporting, 0, "exporting ONNX"));
        var createdAt = o.Clock.GetUtcNow();
        var version = o.ModelVersion ?? createdAt.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var metrics = new Dictionary<string, double>
        {
            [ValidationAucMetric] = training.BestValidationAuc,
            [ValidationLogLossMetric] = training.BestValidationLoss,
            ["best_epoch"] = training.BestEpoch,
            ["epochs_run"] = training.EpochsRun,
            ["train_samples_per_second"] = training.SamplesPerSecond,
            ["training_seconds"] = trainTime.TotalSeconds,
            ["training_set_seconds"] = buildTime.TotalSeconds,
            ["impressions"] = set.Impressions,
            ["sampled_negatives"] = set.Count - set.Impressions,
        };
        var artifact = ModelArtifact.FromNetwork(
            training.Network,
            new OnnxModelInfo(o.ModelName, version, set.Schema.Version, $"LeadRecs ranking model on feature schema {set.Schema}"),
            set.Summarise(training.TrainRows, training.ValidationRows),
            metrics,
            createdAt,
            DriftBaseline(set, o));
        var exportTime = clock.Elapsed - buildTime - trainTime;
        progress?.Report(new(LeadModelTrainingStage.Done, 1, Invariant(
            $"{o.ModelName} {version}: {set.Count:N0} rows, validation AUC {training.BestValidationAuc:0.0000}, {clock.Elapsed.TotalSeconds:0.0} s")));
        return new LeadModelTrainingResult(artifact, training.Network, set, training, buildTime, trainTime, exportTime);
    }

    /// <summary>The key features' distribution over the most recent rows of <paramref name="set"/> (rows are in time order).</summary>
    internal static FeatureBaseline? DriftBaseline(TrainingSet set, LeadModelTrainerOptions options)
    {
        if (options.DriftKeyFeatures.Count == 0 || set.Count == 0)
        {
            return null;
        }

        var rows = (int)Math.Ceiling(set.Count * Math.Clamp(options.DriftBaselineFraction, 0, 1));
        rows = Math.Min(set.Count, Math.Max(rows, FeatureBaseline.MinimumRecentRows));
        var width = set.Data.DenseWidth;
        var recent = set.Data.Dense.AsSpan((set.Count - rows) * width, rows * width);
        return FeatureBaseline.Build(FeatureVectorizer.For(set.Schema), recent, rows, options.DriftKeyFeatures);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
