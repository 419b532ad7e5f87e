using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Evaluation.Progress;

namespace LeadRecs.Ranking.Evaluation.Models.Ials;

/// <summary>
/// iALS as a harness model: tuned by <see cref="IalsTuner"/> on the validation split when there is one, then
/// refitted on all the training data with the chosen settings.
/// </summary>
public sealed class IalsRecommender(IalsOptions? defaults = null, IalsTuner? tuner = null) : IRecommender
{
    private readonly IalsOptions _defaults = defaults ?? new IalsOptions();
    private readonly IalsTuner _tuner = tuner ?? new IalsTuner();
    private IalsModel? _model;
    private string? _settings;

    public string Name => "ials";

    public string Settings => _settings ?? _defaults + " (defaults)";

    public void Fit(UserItemMatrix train, FitContext context)
    {
        (var options, _settings) = ValidationTuning.Choose(_defaults, context, validation => _tuner.Tune(validation, _defaults, context));

        using var bar = new ProgressBar(context.Progress, "ials: training", options.Epochs, "epochs");
        _model = IalsTrainer.Train(train, options, context.Seed, context.Threads, (_, _) =>
        {
            bar.Advance();
            return true;
        }, context.CancellationToken);
    }

    public void Score(int user, ReadOnlySpan<int> items, Span<float> scores) =>
        (_model ?? throw new InvalidOperationException("Fit the model before scoring.")).Score(user, items, scores);
}
