using LeadRecs.Ranking.Model;

namespace LeadRecs.Ranking.Training;

/// <summary>Where a training run is: the stage, the share of that stage done, and during training the last epoch.</summary>
public sealed record LeadModelTrainingProgress(
    LeadModelTrainingStage Stage,
    double Fraction,
    string Message,
    TrainingProgress? Epoch = null);
