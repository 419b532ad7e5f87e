using System.Globalization;
using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Evaluation.Progress;

namespace LeadRecs.Ranking.Evaluation.Models.Linear;

/// <summary>
/// EASE as a harness model: λ is chosen on the validation split from <see cref="Lambdas"/> (one closed-form fit
/// each, ties to the smaller λ), then the model is fitted once more on all the training data.
/// </summary>
public sealed class EaseRecommender(ISymmetricInverter? inverter = null) : IRecommender
{
    /// <summary>Used when there is no validation split.</summary>
    public const double DefaultLambda = 100;

    private readonly ISymmetricInverter _inverter = inverter ?? new CholeskyInverter();
    private EaseModel? _model;
    private string _settings = $"lambda {DefaultLambda} (default)";

    /// <summary>A log grid wide enough for the data here (Steck used 500 on ML-20M, whose Gram entries are far larger).</summary>
    public IReadOnlyList<double> Lambdas { get; init; } = [1, 3, 10, 30, 100, 300, 1000, 3000];

    public string Name => "ease";

    public string Settings => _settings;

    public void Fit(UserItemMatrix train, FitContext context)
    {
        var lambda = DefaultLambda;
        if (context.Validation is { } validation)
        {
            var best = (Lambda: lambda, Metric: double.NegativeInfinity);
            using (var bar = new ProgressBar(context.Progress, "ease: tuning", Lambdas.Count, "lambdas"))
            {
                foreach (var candidate in Lambdas)
                {
                    var model = EaseModel.Fit(validation.Train, candidate, _inverter, context.Threads, cancellationToken: context.CancellationToken);
                    var metric = validation.Evaluate(new Fitted(model), null, context.Threads, context.CancellationToken)[validation.PrimaryMetric];
                    if (metric > best.Metric)
                    {
                        best = (candidate, metric);
                    }

                    bar.Advance(note: string.Create(CultureInfo.InvariantCulture, $"lambda {candidate} -> {validation.PrimaryMetric} {metric:0.0000}"));
                }

                bar.Complete(string.Create(CultureInfo.InvariantCulture, $"best lambda {best.Lambda}: {validation.PrimaryMetric} {best.Metric:0.0000}"));
            }

            lambda = best.Lambda;
            _settings = string.Create(CultureInfo.InvariantCulture, $"lambda {lambda}; tuned on {validation.Name}, {validation.PrimaryMetric} {best.Metric:0.0000}");
        }

        using var fit = new ProgressBar(context.Progress, "ease: training", 1, "inverses");
        _model = EaseModel.Fit(train, lambda, _inverter, context.Threads, cancellationToken: context.CancellationToken);
        fit.Advance();
        _settings += _model.IsDual ? "; dual form (users x users inverse)" : "; primal form (items x items inverse)";
    }

    public void Score(int user, ReadOnlySpan<int> items, Span<float> scores) =>
        (_model ?? throw new InvalidOperationException("Fit the model before scoring.")).Score(user, items, scores);

    /// <summary>A fitted model as a recommender, for scoring validation candidates.</summary>
    private sealed class Fitted(EaseModel model) : IRecommender
    {
        public string Name => "ease";

        public string Settings => string.Empty;

        public void Fit(UserItemMatrix train, FitContext context) => throw new NotSupportedException();

        public void Score(int user, ReadOnlySpan<int> items, Span<float> scores) => model.Score(user, items, scores);
    }
}
