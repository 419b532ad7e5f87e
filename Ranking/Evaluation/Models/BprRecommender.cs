using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Evaluation.Progress;

namespace LeadRecs.Ranking.Evaluation.Models;

/// <summary>
/// BPR matrix factorisation, tuned by <see cref="BprTuner"/> on the validation split when the context has one,
/// then refitted on all the training data with the chosen settings.
/// </summary>
public sealed class BprRecommender : IRecommender
{
    private readonly BprOptions _defaults;
    private readonly BprTuner _tuner;
    private BprModel? _model;
    private string _settings;

    public BprRecommender(BprOptions? defaults = null, BprTuner? tuner = null)
    {
        _defaults = defaults ?? new BprOptions();
        _tuner = tuner ?? new BprTuner();
        _settings = _defaults + " (defaults)";
    }

    /// <summary>Wraps an already trained model (the tuner scores checkpoints through it).</summary>
    internal BprRecommender(BprModel model)
        : this()
    {
        _model = model;
    }

    public string Name => "bpr";

    public string Settings => _settings;

    public void Fit(UserItemMatrix train, FitContext context)
    {
        (var options, _settings) = ValidationTuning.Choose(_defaults, context, validation => _tuner.Tune(validation, _defaults, context));

        using var bar = new ProgressBar(context.Progress, "bpr: training", options.Epochs, "epochs");
        _model = BprTrainer.Train(train, options, context.Seed, (_, _) =>
        {
            bar.Advance();
            return true;
        }, context.CancellationToken);
    }

    public void Score(int user, ReadOnlySpan<int> items, Span<float> scores)
    {
        if (_model is null)
        {
            throw new InvalidOperationException("Fit the model before scoring.");
        }

        _model.Score(user, items, scores);
    }
}
