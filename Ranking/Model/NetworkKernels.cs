using System.Numerics.Tensors;

namespace LeadRecs.Ranking.Model;

/// <summary>
/// The forward and backward passes, shared by inference (<see cref="RankingNetwork.Predict"/>) and the trainer
/// so both compute the same function. Inner loops are <see cref="TensorPrimitives"/> calls (SIMD) over a row.
/// </summary>
internal static class NetworkKernels
{
    /// <summary>Maps an id outside [0, vocabulary) to 0, the reserved unknown id; the ONNX graph does the same.</summary>
    public static int SafeId(int id, int vocabulary) => (uint)id < (uint)vocabulary ? id : 0;

    /// <summary>Writes concat(dense, embeddings) for one row into the workspace, at row index r.</summary>
    public static void AssembleRow(
        ReadOnlySpan<float> parameters,
        ParameterLayout layout,
        ModelSpec spec,
        ReadOnlySpan<float> denseRow,
        ReadOnlySpan<int> categoricalRow,
        Workspace ws,
        int r)
    {
        var x = ws.Input.AsSpan(r * ws.InputWidth, ws.InputWidth);
        denseRow.CopyTo(x);
        var c = spec.CategoricalCount;
        for (var k = 0; k < c; k++)
        {
            var feature = spec.Categorical[k];
            var id = SafeId(categoricalRow[k], feature.VocabularySize);
            ws.Ids[r * c + k] = id;
            parameters.Slice(layout.EmbeddingOffset(k) + id * feature.EmbeddingDim, feature.EmbeddingDim)
                .CopyTo(x.Slice(layout.EmbeddingColumnOffsets[k]));
        }
    }

    /// <summary>
    /// Runs the MLP over rows already assembled and adds the embedding dot products; logits end up in the last
    /// activation buffer.
    /// </summary>
    public static void Forward(ReadOnlySpan<float> parameters, ParameterLayout layout, Workspace ws, int rows)
    {
        for (var l = 0; l < layout.LayerCount; l++)
        {
            var inWidth = layout.LayerInputs[l];
            var outWidth = layout.LayerOutputs[l];
            var input = l == 0 ? ws.Input : ws.Activations[l - 1];
            var output = ws.Activations[l];
            var weights = parameters.Slice(layout.WeightOffset(l), inWidth * outWidth);
            var bias = parameters.Slice(layout.BiasOffset(l), outWidth);
            for (var r = 0; r < rows; r++)
            {
                var x = input.AsSpan(r * inWidth, inWidth);
                var y = output.AsSpan(r * outWidth, outWidth);
                for (var j = 0; j < outWidth; j++)
                {
                    y[j] = TensorPrimitives.Dot(weights.Slice(j * inWidth, inWidth), x) + bias[j];
                }
            }

            if (l < layout.LayerCount - 1)
            {
                var block = output.AsSpan(0, rows * outWidth);
                TensorPrimitives.Max(block, 0f, block);
            }
        }

        if (layout.DotProducts.Length > 0)
        {
            var logits = ws.Activations[^1];
            for (var r = 0; r < rows; r++)
            {
                var x = ws.Input.AsSpan(r * ws.InputWidth, ws.InputWidth);
                foreach (var (left, right, dim) in layout.DotProducts)
                {
                    logits[r] += TensorPrimitives.Dot(x.Slice(left, dim), x.Slice(right, dim));
                }
            }
        }
    }

    /// <summary>
    /// Accumulates (adds) d(loss)/d(parameters) into <paramref name="gradients"/> given d(loss)/d(logit) per row.
    /// Embedding gradients land only in the rows of the ids seen, which is what lets the optimiser stay sparse.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> parameters,
        ParameterLayout layout,
        ModelSpec spec,
        Workspace ws,
        int rows,
        ReadOnlySpan<float> logitGradients,
        Span<float> gradients)
    {
        var delta = ws.DeltaA;
        var previous = ws.DeltaB;
        logitGradients.Slice(0, rows).CopyTo(delta);
        for (var l = layout.LayerCount - 1; l >= 0; l--)
        {
            var inWidth = layout.LayerInputs[l];
            var outWidth = layout.LayerOutputs[l];
            var input = l == 0 ? ws.Input : ws.Activations[l - 1];
            var weights = parameters.Slice(layout.WeightOffset(l), inWidth * outWidth);
            var weightGrad = gradients.Slice(layout.WeightOffset(l), inWidth * outWidth);
            var biasGrad = gradients.Slice(layout.BiasOffset(l), outWidth);

            // The first layer needs input gradients only for the embedding columns: dense inputs are data.
            var from = l == 0 ? spec.DenseWidth : 0;
            var width = inWidth - from;
            for (var r = 0; r < rows; r++)
            {
                var x = input.AsSpan(r * inWidth, inWidth);
                var d = delta.AsSpan(r * outWidth, outWidth);
                var dx = previous.AsSpan(r * inWidth + from, width);
                dx.Clear();
                for (var j = 0; j < outWidth; j++)
                {
                    var g = d[j];
                    if (g == 0f)
                    {
                        continue; // common after ReLU; skipping is exact
                    }

                    biasGrad[j] += g;
                    var w = weightGrad.Slice(j * inWidth, inWidth);
                    TensorPrimitives.MultiplyAdd(x, g, w, w);
                    TensorPrimitives.MultiplyAdd(weights.Slice(j * inWidth + from, width), g, dx, dx);
                }

                if (l > 0)
                {
                    // ReLU derivative: the activation is positive exactly where the pre-activation was.
                    for (var i = 0; i < inWidth; i++)
                    {
                        if (x[i] <= 0f)
                        {
                            dx[i] = 0f;
                        }
                    }
                }
            }

            (delta, previous) = (previous, delta);
        }

        // delta now holds d(loss)/d(input) for the embedding columns of each row; each dot product adds
        // d(logit)/d(left) = right and d(logit)/d(right) = left, times d(loss)/d(logit).
        var c = spec.CategoricalCount;
        var stride = layout.LayerInputs[0];
        foreach (var (left, right, dim) in layout.DotProducts)
        {
            for (var r = 0; r < rows; r++)
            {
                var g = logitGradients[r];
                if (g == 0f)
                {
                    continue;
                }

                var x = ws.Input.AsSpan(r * stride, stride);
                var d = delta.AsSpan(r * stride, stride);
                TensorPrimitives.MultiplyAdd(x.Slice(right, dim), g, d.Slice(left, dim), d.Slice(left, dim));
                TensorPrimitives.MultiplyAdd(x.Slice(left, dim), g, d.Slice(right, dim), d.Slice(right, dim));
            }
        }

        for (var r = 0; r < rows; r++)
        {
            for (var k = 0; k < c; k++)
            {
                var dim = spec.Categorical[k].EmbeddingDim;
                var id = ws.Ids[r * c + k];
                var target = gradients.Slice(layout.EmbeddingOffset(k) + id * dim, dim);
                TensorPrimitives.Add(target, delta.AsSpan(r * stride + layout.EmbeddingColumnOffsets[k], dim), target);
            }
        }
    }
}
