using LeadRecs.Ranking.Evaluation.Progress;
using LeadRecs.Ranking.Evaluation.Protocols;

namespace LeadRecs.Ranking.Evaluation.Models;

/// <summary>
/// Grid search for BPR on a validation protocol carved from the training data. Each (factors, learning rate,
/// regularisation) runs once, scored every <see cref="CheckEvery"/> epochs, so the epoch count is tuned for free;
/// a run stops after <see cref="Patience"/> checks without improvement. Configurations run in parallel (one core
/// each), every one deterministic, and ties go to the earlier grid entry, so the choice does not depend on timing.
/// </summary>
public sealed class BprTuner
{
    public IReadOnlyList<int> Factors { get; init; } = [32, 64, 128];

    public IReadOnlyList<float> LearningRates { get; init; } = [0.02f, 0.05f, 0.1f];

    public IReadOnlyList<float> Regularizations { get; init; } = [0.001f, 0.005f, 0.02f, 0.05f];

    public int MaxEpochs { get; init; } = 150;

    public int CheckEvery { get; init; } = 5;

    public int Patience { get; init; } = 3;

    public (BprOptions Best, double Metric) Tune(EvaluationProtocol validation, BprOptions template, FitContext context)
    {
        var grid = (from f in Factors from lr in LearningRates from reg in Regularizations
                    select template with { Factors = f, LearningRate = lr, Regularization = reg, Epochs = MaxEpochs }).ToArray();
        var results = new (int Epochs, double Metric)[grid.Length];
        using var bar = new ProgressBar(context.Progress, "bpr: tuning", grid.Length, "configs");
        var options = new ParallelOptions { MaxDegreeOfParallelism = context.Threads, CancellationToken = context.CancellationToken };
        Parallel.For(0, grid.Length, options, g =>
        {
            var stopping = new EarlyStopping(Patience, initialEpoch: 0);
            BprTrainer.Train(validation.Train, grid[g], context.Seed, (epoch, model) =>
            {
                if (epoch % CheckEvery != 0)
                {
                    return true;
                }

                var metric = validation.Evaluate(new BprRecommender(model), null, 1, context.CancellationToken)[validation.PrimaryMetric];
                return stopping.Observe(epoch, metric);
            }, context.CancellationToken);
            var best = (Epochs: stopping.BestEpoch, Metric: stopping.BestMetric);
            results[g] = best;
            bar.Advance(note: $"{grid[g]} -> {validation.PrimaryMetric} {best.Metric:0.0000} @ {best.Epochs}");
        });

        var winner = 0;
        for (var g = 1; g < grid.Length; g++)
        {
            if (results[g].Metric > results[winner].Metric)
            {
                winner = g;
            }
        }

        bar.Complete($"best {grid[winner] with { Epochs = results[winner].Epochs }}: {validation.PrimaryMetric} {results[winner].Metric:0.0000}");
        return (grid[winner] with { Epochs = Math.Max(results[winner].Epochs, 1) }, results[winner].Metric);
    }
}
