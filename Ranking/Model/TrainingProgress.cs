namespace LeadRecs.Ranking.Model;

/// <summary>Reported after each epoch. Validation figures are NaN when no validation slice is held out.</summary>
public sealed record TrainingProgress(
    int Epoch,
    double TrainLoss,
    double ValidationLoss,
    double ValidationAuc,
    double SamplesPerSecond,
    TimeSpan Elapsed,
    bool IsBest);
