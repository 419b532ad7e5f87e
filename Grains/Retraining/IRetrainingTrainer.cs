using LeadRecs.Ranking.Training;

namespace LeadRecs.Grains.Retraining;

/// <summary>
/// Trains a model from a history; the retraining grain calls it on the thread pool. The seam exists so tests can
/// hold a run open or make it fail; the service uses <see cref="LeadModelRetrainingTrainer"/>.
/// </summary>
public interface IRetrainingTrainer
{
    LeadModelTrainingResult Train(
        MarketHistory history,
        LeadModelTrainerOptions options,
        IProgress<LeadModelTrainingProgress>? progress,
        CancellationToken cancellationToken);
}
