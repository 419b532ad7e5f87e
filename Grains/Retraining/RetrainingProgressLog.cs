using LeadRecs.Ranking.Training;
using Microsoft.Extensions.Logging;

namespace LeadRecs.Grains.Retraining;

/// <summary>
/// Logs a run's progress from the training thread: each stage as it starts, a quarter of the training set at a
/// time, and every epoch. Thread-safe as far as the trainer needs (it reports from one thread at a time).
/// </summary>
internal sealed class RetrainingProgressLog(ILogger logger, string model, string run) : IProgress<LeadModelTrainingProgress>
{
    private LeadModelTrainingStage? _stage;
    private int _quarter = -1;

    public void Report(LeadModelTrainingProgress value)
    {
        var newStage = value.Stage != _stage;
        _stage = value.Stage;
        if (value.Stage == LeadModelTrainingStage.BuildingTrainingSet)
        {
            var quarter = (int)Math.Floor(Math.Clamp(value.Fraction, 0, 1) * 4);
            if (!newStage && quarter == _quarter)
            {
                return;
            }
            _quarter = quarter;
        }
        else if (!newStage && value.Epoch is null)
        {
            return;
        }
        logger.LogInformation("Retraining {Model} run {Run}: {Stage} {Message}", model, run, value.Stage, value.Message);
    }
}
