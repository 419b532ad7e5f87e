using System.Globalization;

namespace LeadRecs.Ranking.Evaluation.Models.Ials;

/// <summary>
/// Hyper-parameters of iALS as Rendle et al. (2021, "Revisiting the performance of iALS") state its loss:
/// Σ_(u,i)∈S (⟨w_u, h_i⟩ - 1)² + α₀ Σ_u Σ_i ⟨w_u, h_i⟩² + λ (Σ_u (|I_u| + α₀|I|)^ν ‖w_u‖² + Σ_i (|U_i| + α₀|U|)^ν ‖h_i‖²).
/// The defaults are used only without a validation split; <see cref="IalsTuner"/> picks the rest.
/// </summary>
public sealed record IalsOptions
{
    public int Factors { get; init; } = 64;

    /// <summary>λ, the regularisation before frequency scaling.</summary>
    public double Regularization { get; init; } = 0.01;

    /// <summary>α₀, the weight of every unobserved (user, item) pair.</summary>
    public double UnobservedWeight { get; init; } = 0.03;

    /// <summary>ν: 1 scales each row's penalty with its observed plus unobserved weight, as the paper recommends.</summary>
    public double FrequencyExponent { get; init; } = 1;

    public int Epochs { get; init; } = 16;

    /// <summary>Conjugate-gradient steps per row and epoch, warm-started from the previous epoch's row.</summary>
    public int CgSteps { get; init; } = 6;

    /// <summary>Initial factors ~ N(0, (InitialStd / √factors)²), the paper's scaling.</summary>
    public double InitialStd { get; init; } = 0.1;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"factors {Factors}, reg {Regularization:0.####}, unobserved weight {UnobservedWeight:0.####}, epochs {Epochs}");
}
