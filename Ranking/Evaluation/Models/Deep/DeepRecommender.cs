using System.Globalization;
using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Evaluation.Progress;
using LeadRecs.Ranking.Evaluation.Protocols;
using LeadRecs.Ranking.Model;

namespace LeadRecs.Ranking.Evaluation.Models.Deep;

/// <summary>
/// The deep model on generic interaction data: <see cref="RankingNetwork"/> over user-id and item-id embeddings
/// plus <see cref="DenseFeatures"/>, trained by <see cref="RankingTrainer"/> on positives against sampled negatives
/// that are redrawn every epoch. With a validation protocol, each candidate architecture is trained there and scored
/// after every epoch; the best (architecture, epochs) is then trained on all the training data.
/// </summary>
public sealed class DeepRecommender : IRecommender
{
    private readonly DeepOptions _options;
    private DeepModel? _model;
    private string _settings;

    public DeepRecommender(string name, DeepOptions? options = null)
    {
        Name = name;
        _options = options ?? new DeepOptions();
        _settings = _options.Describe(_options.Epochs);
    }

    private DeepRecommender(string name, DeepModel model)
        : this(name)
    {
        _model = model;
    }

    public string Name { get; }

    public string Settings => _settings;

    public void Fit(UserItemMatrix train, FitContext context)
    {
        var options = _options;
        var epochs = _options.Epochs;
        var tuned = string.Empty;
        if (context.Validation is { } validation)
        {
            var check = validation.Subsample(_options.MaxTuningCases);
            var best = (Options: options, Epoch: 0, Metric: double.NegativeInfinity);
            foreach (var architecture in _options.Architectures)
            {
                var candidate = _options with { HiddenSizes = architecture.HiddenSizes, LearningRate = architecture.LearningRate };
                var (epoch, metric) = SearchEpochs(candidate, check, context, $"{Name}: tuning {string.Join("-", architecture.HiddenSizes)}");
                if (metric > best.Metric)
                {
                    best = (candidate, epoch, metric);
                }
            }

            (options, epochs) = (best.Options, best.Epoch);
            tuned = string.Create(
                CultureInfo.InvariantCulture,
                $"; architecture and epochs tuned on {validation.Name} ({check.CaseCount} cases), {validation.PrimaryMetric} {best.Metric:0.0000}");
        }

        _model = TrainModel(options, train, epochs, context, $"{Name}: training", null);
        _settings = options.Describe(epochs) + tuned + "; dense: " + string.Join(", ", _model.Features.Names);
    }

    public void Score(int user, ReadOnlySpan<int> items, Span<float> scores)
    {
        if (_model is null)
        {
            throw new InvalidOperationException("Fit the model before scoring.");
        }

        _model.Score(user, items, scores);
    }

    /// <summary>Trains on the validation split's data, scoring after each epoch; returns the best epoch and its metric.</summary>
    private (int Epoch, double Metric) SearchEpochs(DeepOptions options, EvaluationProtocol validation, FitContext context, string label)
    {
        var best = (Epoch: 0, Metric: double.NegativeInfinity);
        var sinceBest = 0;
        TrainModel(options, validation.Train, options.MaxEpochs, context, label, (epoch, model) =>
        {
            var metric = validation.Evaluate(new DeepRecommender(Name, model), null, context.Threads, context.CancellationToken)[validation.PrimaryMetric];
            if (metric > best.Metric)
            {
                best = (epoch, metric);
                sinceBest = 0;
            }
            else
            {
                sinceBest++;
            }

            return (sinceBest < options.Patience, string.Create(CultureInfo.InvariantCulture, $"{validation.PrimaryMetric} {metric:0.0000}"));
        });
        return (Math.Max(best.Epoch, 1), best.Metric);
    }

    /// <param name="afterEpoch">Gets each epoch's model; returns whether to go on and a note for the progress bar.</param>
    private static DeepModel TrainModel(
        DeepOptions options, UserItemMatrix train, int epochs, FitContext context, string label, Func<int, DeepModel, (bool Continue, string Note)>? afterEpoch)
    {
        var geoIndex = options.UseGeo && train.Locations is { } locations
            ? GeoIndex.Build(locations, options.RadiusKm, options.GeoNeighbours, context.Threads)
            : null;
        var neighbours = options.UseAffinity ? new ItemCooccurrence(train) : null;
        var users = options.UserNeighbours > 0 ? UserNeighbours.Build(train, options.UserNeighbours, context.Threads) : null;
        var features = new DenseFeatures(
            train,
            neighbours is null ? null : new AffinityFeatures(neighbours, context.Threads),
            neighbours is null || train.Sequences is null || options.RecentWindow < 1 ? null : new RecencyFeatures(neighbours, train, options.RecentWindow),
            users is null ? null : new UserKnnFeatures(users, train),
            train.Sequences is null || options.TrendShortWindow <= 0 ? null : new TrendFeatures(train, options.TrendShortWindow, options.TrendLongWindow),
            geoIndex is null ? null : new GeoFeatures(geoIndex, train));
        var pool = users is not null && options.UsesPool
            ? CandidatePool.Build(train, users, geoIndex, options.PoolSize, options.UniformNegativeShare, context.Threads)
            : null;
        var sampler = new NegativeSampler(train, pool, options.UniformNegativeShare);
        var spec = new ModelSpec(
            features.Width,
            [new CategoricalFeatureSpec("user", train.UserCount + 1, options.EmbeddingDim), new CategoricalFeatureSpec("item", train.ItemCount + 1, options.EmbeddingDim)],
            options.HiddenSizes,
            context.Seed,
            options.DotProduct ? [new EmbeddingDotProduct(0, 1)] : null);
        var network = new RankingNetwork(spec);
        var trainerOptions = new TrainerOptions
        {
            LearningRate = options.LearningRate,
            L2 = options.L2,
            BatchSize = options.BatchSize,
            MaxEpochs = 1,
            ValidationFraction = 0,
            MaxDegreeOfParallelism = context.Threads,
            Loss = options.Loss,
            WeightAverageDecay = options.WeightAverageDecay,
            // Log loss treats rows independently (shuffled one by one); the softmax needs each positive with its negatives.
            GroupSize = options.Loss == TrainingLoss.GroupSoftmax ? 1 + options.NegativesPerPositive : 1,
        };
        var run = new TrainingRun(network, trainerOptions);
        FeatureScaler? scaler = null;
        DeepModel? model = null;
        using var bar = new ProgressBar(context.Progress, label, epochs, "epochs");
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            var data = DeepTrainingSetBuilder.Build(train, features, sampler, options.NegativesPerPositive, context.Seed, epoch, context.Threads);
            scaler ??= FeatureScaler.Fit(data.Dense, features.Width);
            scaler.Apply(data.Dense);
            if (options.FreshOptimizerEachEpoch)
            {
                run = new TrainingRun(run.Snapshot(), trainerOptions);
            }

            run.LearningRate = options.LearningRate * MathF.Pow(options.LearningRateDecay, epoch - 1);
            var result = run.TrainEpoch(data, context.Seed + epoch, context.CancellationToken);
            model = new DeepModel(run.Snapshot(), features, scaler, pool);
            var note = string.Create(CultureInfo.InvariantCulture, $"loss {result.TrainLoss:0.0000}, {result.SamplesPerSecond / 1000:0}k rows/s");
            if (afterEpoch is not null)
            {
                var (goOn, extra) = afterEpoch(epoch, model);
                bar.Advance(note: note + ", " + extra);
                if (!goOn)
                {
                    break;
                }
            }
            else
            {
                bar.Advance(note: note);
            }
        }

        return model!;
    }
}
