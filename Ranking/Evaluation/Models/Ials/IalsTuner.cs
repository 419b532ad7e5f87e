using System.Globalization;
using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Evaluation.Progress;
using LeadRecs.Ranking.Evaluation.Protocols;

namespace LeadRecs.Ranking.Evaluation.Models.Ials;

/// <summary>
/// Tuning on the validation split in the order Rendle et al. (2021) give: first regularisation and unobserved
/// weight on a grid at a small dimension, then larger dimensions with the winners; the epoch count of every run is
/// chosen by scoring after each epoch (stopping after <see cref="Patience"/> epochs without improvement). Ties go to
/// the earlier run, so the choice depends on nothing but the figures.
/// </summary>
public sealed class IalsTuner
{
    public int SmallFactors { get; init; } = 32;

    public IReadOnlyList<int> LargerFactors { get; init; } = [64, 128, 256];

    public IReadOnlyList<double> Regularizations { get; init; } = [0.0001, 0.001, 0.01, 0.1];

    public IReadOnlyList<double> UnobservedWeights { get; init; } = [0.003, 0.01, 0.03, 0.1, 0.3, 1];

    public int MaxEpochs { get; init; } = 20;

    public int Patience { get; init; } = 2;

    public (IalsOptions Best, double Metric) Tune(EvaluationProtocol validation, IalsOptions template, FitContext context)
    {
        var grid = (from reg in Regularizations from alpha in UnobservedWeights
                    select template with { Factors = SmallFactors, Regularization = reg, UnobservedWeight = alpha, Epochs = MaxEpochs }).ToList();
        using var bar = new ProgressBar(context.Progress, "ials: tuning", grid.Count + LargerFactors.Count, "configs");
        var best = (Options: grid[0], Metric: double.NegativeInfinity);
        foreach (var options in grid)
        {
            best = Better(best, Run(validation, options, context, bar));
        }

        var small = best.Options;
        foreach (var factors in LargerFactors)
        {
            best = Better(best, Run(validation, small with { Factors = factors, Epochs = MaxEpochs }, context, bar));
        }

        bar.Complete(string.Create(CultureInfo.InvariantCulture, $"best {best.Options}: {validation.PrimaryMetric} {best.Metric:0.0000}"));
        return best;
    }

    private (IalsOptions Options, double Metric) Run(EvaluationProtocol validation, IalsOptions options, FitContext context, ProgressBar bar)
    {
        var stopping = new EarlyStopping(Patience, initialEpoch: 1);
        IalsTrainer.Train(validation.Train, options, context.Seed, context.Threads, (epoch, model) =>
            stopping.Observe(epoch, validation.Evaluate(new Fitted(model), null, context.Threads, context.CancellationToken)[validation.PrimaryMetric]),
            context.CancellationToken);
        var best = (Epochs: stopping.BestEpoch, Metric: stopping.BestMetric);
        var result = options with { Epochs = best.Epochs };
        bar.Advance(note: string.Create(CultureInfo.InvariantCulture, $"{result} -> {validation.PrimaryMetric} {best.Metric:0.0000}"));
        return (result, best.Metric);
    }

    private static (IalsOptions Options, double Metric) Better((IalsOptions Options, double Metric) current, (IalsOptions Options, double Metric) candidate) =>
        candidate.Metric > current.Metric ? candidate : current;

    /// <summary>A model being trained, as a recommender for the validation checks.</summary>
    internal sealed class Fitted(IalsModel model) : IRecommender
    {
        public string Name => "ials";

        public string Settings => string.Empty;

        public void Fit(UserItemMatrix train, FitContext context) => throw new NotSupportedException();

        public void Score(int user, ReadOnlySpan<int> items, Span<float> scores) => model.Score(user, items, scores);
    }
}
