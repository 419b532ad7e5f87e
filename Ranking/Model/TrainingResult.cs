namespace LeadRecs.Ranking.Model;

/// <summary>The best network seen (by validation loss) and how training went.</summary>
public sealed record TrainingResult(
    RankingNetwork Network,
    int BestEpoch,
    int EpochsRun,
    bool StoppedEarly,
    double BestValidationLoss,
    double BestValidationAuc,
    int TrainRows,
    int ValidationRows,
    double SamplesPerSecond,
    TimeSpan Elapsed,
    IReadOnlyList<TrainingProgress> History);
