using System.Globalization;

namespace LeadRecs.Ranking.Evaluation.Models;

/// <summary>
/// Hyper-parameters of BPR matrix factorisation. The defaults are used only when no validation split is given;
/// otherwise <see cref="BprTuner"/> picks factors, learning rate, regularisation and epochs.
/// </summary>
public sealed record BprOptions
{
    public int Factors { get; init; } = 64;

    public float LearningRate { get; init; } = 0.05f;

    /// <summary>L2 on user and item factors, applied per SGD step.</summary>
    public float Regularization { get; init; } = 0.005f;

    /// <summary>L2 on item biases; small, because the bias is what carries popularity.</summary>
    public float BiasRegularization { get; init; } = 0.001f;

    /// <summary>One epoch is as many sampled (user, positive, negative) triples as there are training pairs.</summary>
    public int Epochs { get; init; } = 60;

    public float InitialStd { get; init; } = 0.1f;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"factors {Factors}, lr {LearningRate:0.###}, reg {Regularization:0.####}, epochs {Epochs}");
}
