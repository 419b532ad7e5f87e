namespace LeadRecs.Ranking.Model;

/// <summary>Hyper-parameters of <see cref="RankingTrainer"/>. Defaults suit ~1M rows and a 64-32 MLP.</summary>
public sealed record TrainerOptions
{
    public float LearningRate { get; init; } = 2e-3f;

    public float Beta1 { get; init; } = 0.9f;

    public float Beta2 { get; init; } = 0.999f;

    public float Epsilon { get; init; } = 1e-8f;

    /// <summary>L2 penalty added to the gradient of weights and embeddings (not biases).</summary>
    public float L2 { get; init; } = 1e-6f;

    public int BatchSize { get; init; } = 512;

    public int MaxEpochs { get; init; } = 10;

    /// <summary>Epochs without a validation-loss improvement of at least <see cref="MinDelta"/> before stopping.</summary>
    public int Patience { get; init; } = 2;

    public double MinDelta { get; init; } = 1e-5;

    /// <summary>Share of rows, taken from the end, held out for early stopping. 0 trains MaxEpochs with no validation.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>
    /// Fixed number of slices each mini-batch is split into. Results depend on this, never on how many
    /// threads run the slices, which is what makes training deterministic for a seed.
    /// </summary>
    public int Partitions { get; init; } = 4;

    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Seed of the per-epoch shuffle (initial weights come from <see cref="ModelSpec.Seed"/>).</summary>
    public int ShuffleSeed { get; init; } = 17;

    /// <summary>The objective: per-row log loss, or a softmax over each group of <see cref="GroupSize"/> rows.</summary>
    public TrainingLoss Loss { get; init; } = TrainingLoss.LogLoss;

    /// <summary>
    /// Rows come in consecutive groups of this many (a positive and the negatives it is ranked against): shuffles,
    /// mini-batches, partition slices and the validation hold-out move whole groups. 1 for independent rows.
    /// </summary>
    public int GroupSize { get; init; } = 1;

    /// <summary>
    /// Decay of an exponential moving average of the weights, updated after every step and used for validation and
    /// as the result (0: off, the last weights). Averaging smooths out the step-to-step noise of the last iterates.
    /// </summary>
    public double WeightAverageDecay { get; init; }

    public void Validate()
    {
        if (!(LearningRate > 0) || BatchSize < 1 || MaxEpochs < 1 || Patience < 1 || Partitions < 1
            || MaxDegreeOfParallelism < 1 || ValidationFraction is < 0 or >= 1 || L2 < 0 || GroupSize < 1 || WeightAverageDecay is < 0 or >= 1
            || (Loss == TrainingLoss.GroupSoftmax && GroupSize < 2) || !Enum.IsDefined(Loss))
        {
            throw new ArgumentException("Invalid trainer options: " + this);
        }
    }
}
