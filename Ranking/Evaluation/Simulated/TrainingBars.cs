using LeadRecs.Ranking.Evaluation.Progress;
using LeadRecs.Ranking.Training;

namespace LeadRecs.Ranking.Evaluation.Simulated;

/// <summary>Draws a training run as two progress bars: building the training set (events replayed), then epochs.</summary>
internal sealed class TrainingBars(TextWriter? writer, string label, int events, int epochs) : IProgress<LeadModelTrainingProgress>, IDisposable
{
    private readonly Lock _gate = new();
    private ProgressBar? _set;
    private ProgressBar? _epochs;

    public void Report(LeadModelTrainingProgress value)
    {
        lock (_gate)
        {
            if (value.Stage == LeadModelTrainingStage.BuildingTrainingSet)
            {
                _set ??= new ProgressBar(writer, label + ": training set", events, "events");
                var target = (long)Math.Round(value.Fraction * events);
                if (target > _set.Done)
                {
                    _set.Advance(target - _set.Done);
                }
                return;
            }

            _set?.Complete();
            if (value.Stage == LeadModelTrainingStage.Training && value.Epoch is not null)
            {
                _epochs ??= new ProgressBar(writer, label + ": training", epochs, "epochs");
                _epochs.Advance(1, value.Message);
            }
            else if (value.Stage == LeadModelTrainingStage.Done)
            {
                _epochs?.Complete(value.Message);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _set?.Complete();
            _epochs?.Complete();
        }
    }
}
