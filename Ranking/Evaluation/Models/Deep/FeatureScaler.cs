namespace LeadRecs.Ranking.Evaluation.Models.Deep;

/// <summary>
/// Standardises dense columns to zero mean and unit variance with statistics of the first training set, frozen
/// afterwards so training and scoring see the same transform. Keeps every feature on the scale the network's
/// initialisation assumes.
/// </summary>
public sealed class FeatureScaler
{
    private readonly float[] _mean;
    private readonly float[] _inverseStd;

    private FeatureScaler(float[] mean, float[] inverseStd)
    {
        _mean = mean;
        _inverseStd = inverseStd;
    }

    public static FeatureScaler Fit(ReadOnlySpan<float> dense, int width)
    {
        var rows = dense.Length / width;
        var sum = new double[width];
        var squares = new double[width];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < width; c++)
            {
                var x = dense[r * width + c];
                sum[c] += x;
                squares[c] += x * x;
            }
        }

        var mean = new float[width];
        var inverseStd = new float[width];
        for (var c = 0; c < width; c++)
        {
            var m = rows > 0 ? sum[c] / rows : 0;
            var variance = rows > 0 ? Math.Max(squares[c] / rows - m * m, 0) : 0;
            mean[c] = (float)m;
            // A constant column (no geography anywhere, say) stays at zero instead of dividing by zero.
            inverseStd[c] = variance > 1e-12 ? (float)(1 / Math.Sqrt(variance)) : 1f;
        }

        return new FeatureScaler(mean, inverseStd);
    }

    public void Apply(Span<float> dense)
    {
        var width = _mean.Length;
        for (var r = 0; r + width <= dense.Length; r += width)
        {
            for (var c = 0; c < width; c++)
            {
                dense[r + c] = (dense[r + c] - _mean[c]) * _inverseStd[c];
            }
        }
    }
}
