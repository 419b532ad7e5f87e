namespace LeadRecs.Ranking.Experiments;

/// <summary>
/// A pooled two-proportion z-test of B against A. <see cref="Difference"/> and <see cref="Z"/> are B − A, so a positive
/// z means B converts better; <see cref="PValue"/> is two-sided.
/// </summary>
public sealed record ZTestResult(
    double RateA,
    double RateB,
    double Difference,
    double PooledRate,
    double StandardError,
    double Z,
    double PValue);
