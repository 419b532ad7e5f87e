using LeadRecs.Ranking.Model;

namespace LeadRecs.Ranking.Training;

/// <summary>Everything <see cref="LeadModelTrainer"/> needs besides the history.</summary>
public sealed record LeadModelTrainerOptions
{
    public string ModelName { get; init; } = "deep-ranker";

    /// <summary>Null: the UTC creation time as yyyyMMddHHmmss, which sorts and is unique per training run.</summary>
    public string? ModelVersion { get; init; }

    public TrainingSetOptions TrainingSet { get; init; } = new();

    public TrainerOptions Trainer { get; init; } = new()
    {
        MaxEpochs = 8,
        BatchSize = 256,
        LearningRate = 2e-3f,
        Patience = 2,
        ValidationFraction = 0.1,
    };

    public IReadOnlyList<int> HiddenSizes { get; init; } = [64, 32];

    /// <summary>Seed of the initial weights.</summary>
    public int ModelSeed { get; init; } = 1;

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
