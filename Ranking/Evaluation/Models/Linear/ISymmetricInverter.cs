namespace LeadRecs.Ranking.Evaluation.Models.Linear;

/// <summary>
/// Inverts a symmetric positive definite matrix. The seam EASE goes through, so a LAPACK-backed implementation can
/// replace <see cref="CholeskyInverter"/> without touching the model.
/// </summary>
public interface ISymmetricInverter
{
    /// <param name="matrix">Row-major n x n, symmetric positive definite; overwritten (it holds the factor afterwards).</param>
    /// <returns>The inverse, row-major n x n.</returns>
    double[] Invert(double[] matrix, int n, int maxDegreeOfParallelism, CancellationToken cancellationToken = default);
}
