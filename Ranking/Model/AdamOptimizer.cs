namespace LeadRecs.Ranking.Model;

/// <summary>
/// Adam with L2 added to the gradient. MLP parameters update densely every step; embedding rows update only
/// when a batch touched them ("lazy" Adam, as TensorFlow's LazyAdam), because a dense update of a large
/// vocabulary every step would cost more than the whole forward and backward pass.
/// </summary>
internal sealed class AdamOptimizer
{
    private readonly ParameterLayout _layout;
    private readonly TrainerOptions _options;
    private readonly float[] _m;
    private readonly float[] _v;
    private long _step;

    public AdamOptimizer(ParameterLayout layout, TrainerOptions options)
    {
        _layout = layout;
        _options = options;
        _m = new float[layout.TotalCount];
        _v = new float[layout.TotalCount];
        LearningRate = options.LearningRate;
    }

    /// <summary>Step size of the next steps; starts at the options' rate.</summary>
    public float LearningRate { get; set; }

    /// <summary>
    /// One step. <paramref name="touchedOffsets"/> and <paramref name="touchedLengths"/> list the embedding rows
    /// (offset into the flat buffer, length = dim) that have gradients this step.
    /// </summary>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<int> touchedOffsets, ReadOnlySpan<int> touchedLengths)
    {
        _step++;
        var b1 = _options.Beta1;
        var b2 = _options.Beta2;

        // Bias corrections folded into the step size, as in the Adam paper's efficient form.
        var correction1 = 1.0 - Math.Pow(b1, _step);
        var correction2 = 1.0 - Math.Pow(b2, _step);
        var alpha = (float)(LearningRate * Math.Sqrt(correction2) / correction1);
        var eps = (float)(_options.Epsilon * Math.Sqrt(correction2));

        for (var i = 0; i < touchedOffsets.Length; i++)
        {
            Update(parameters, gradients, touchedOffsets[i], touchedLengths[i], _options.L2, alpha, eps);
        }

        for (var l = 0; l < _layout.LayerCount; l++)
        {
            Update(parameters, gradients, _layout.WeightOffset(l), _layout.WeightCount(l), _options.L2, alpha, eps);
            Update(parameters, gradients, _layout.BiasOffset(l), _layout.LayerOutputs[l], 0f, alpha, eps);
        }
    }

    private void Update(Span<float> parameters, ReadOnlySpan<float> gradients, int offset, int length, float l2, float alpha, float eps)
    {
        var b1 = _options.Beta1;
        var b2 = _options.Beta2;
        var w = parameters.Slice(offset, length);
        var g = gradients.Slice(offset, length);
        var m = _m.AsSpan(offset, length);
        var v = _v.AsSpan(offset, length);
        for (var i = 0; i < w.Length; i++)
        {
            var grad = g[i] + l2 * w[i];
            m[i] = b1 * m[i] + (1 - b1) * grad;
            v[i] = b2 * v[i] + (1 - b2) * grad * grad;
            w[i] -= alpha * m[i] / (MathF.Sqrt(v[i]) + eps);
        }
    }
}
