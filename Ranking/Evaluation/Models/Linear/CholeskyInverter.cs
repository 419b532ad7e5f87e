using System.Numerics.Tensors;

namespace LeadRecs.Ranking.Evaluation.Models.Linear;

/// <summary>
/// SPD inverse by Cholesky, A = L Lᵀ (row-oriented, each entry one SIMD dot product of two row prefixes), then one
/// column of A⁻¹ per unit vector: forward substitution L y = e_c by row dot products and back substitution Lᵀ x = y in
/// column form (x_k fixed, then an axpy with row k of L), so every inner loop runs over contiguous memory and only L
/// is kept. Cost about n³/2 multiply-adds; memory two n x n arrays of doubles (the factor and the inverse), 16 n²
/// bytes. Columns are independent, so they run in parallel and the result does not depend on the thread count.
/// Not blocked for cache: fine for a few thousand rows, slow for tens of thousands (see the README's EASE limit).
/// </summary>
public sealed class CholeskyInverter : ISymmetricInverter
{
    public double[] Invert(double[] matrix, int n, int maxDegreeOfParallelism, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(matrix.Length, n * n);
        Factor(matrix, n, cancellationToken);
        var inverse = new double[n * n];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, n, options, () => new double[n], (c, _, y) =>
        {
            SolveColumn(matrix, n, c, y);
            // y[c..] holds column c of the inverse from the diagonal down; symmetry gives row c.
            for (var i = c; i < n; i++)
            {
                inverse[i * n + c] = y[i];
                inverse[c * n + i] = y[i];
            }

            return y;
        }, _ => { });
        return inverse;
    }

    /// <summary>In place: the lower triangle becomes L (the upper triangle is left as it was and never read).</summary>
    internal static void Factor(double[] a, int n, CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < n; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rowI = a.AsSpan(i * n, n);
            for (var j = 0; j <= i; j++)
            {
                var s = rowI[j] - TensorPrimitives.Dot<double>(rowI[..j], a.AsSpan(j * n, j));
                if (i == j)
                {
                    if (!(s > 0))
                    {
                        throw new ArgumentException($"the matrix is not positive definite (pivot {i} is {s}).", nameof(a));
                    }

                    rowI[i] = Math.Sqrt(s);
                }
                else
                {
                    rowI[j] = s / a[j * n + j];
                }
            }
        }
    }

    /// <summary>Column c of A⁻¹ from the factor, into y[c..n) (entries above c are zero and not written).</summary>
    private static void SolveColumn(double[] l, int n, int c, double[] y)
    {
        // Forward: L y = e_c; y_i = 0 for i < c.
        y[c] = 1 / l[c * n + c];
        for (var i = c + 1; i < n; i++)
        {
            y[i] = -TensorPrimitives.Dot<double>(l.AsSpan(i * n + c, i - c), y.AsSpan(c, i - c)) / l[i * n + i];
        }

        // Backward: Lᵀ x = y, in place; once x_k is known, remove its share (row k of L) from the rows above it.
        for (var k = n - 1; k >= c; k--)
        {
            var x = y[k] / l[k * n + k];
            y[k] = x;
            if (k > c)
            {
                var rest = y.AsSpan(c, k - c);
                TensorPrimitives.MultiplyAdd<double>(l.AsSpan(k * n + c, k - c), -x, rest, rest);
            }
        }
    }
}
