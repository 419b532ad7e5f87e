using LeadRecs.Ranking.Training;

namespace LeadRecs.Grains.Retraining;

/// <summary>The training pipeline itself: <see cref="LeadModelTrainer"/>.</summary>
public sealed class LeadModelRetrainingTrainer : IRetrainingTrainer
{
    public LeadModelTrainingResult Train(
        MarketHistory history,
        LeadModelTrainerOptions options,
        IProgress<LeadModelTrainingProgress>? progress,
        CancellationToken cancellationToken) =>
        new LeadModelTrainer(options).Train(history, progress, cancellationToken);
}
