using LeadRecs.Ranking.Model;

namespace LeadRecs.UnitTests.Model;

/// <summary>
/// A deliberately naive double-precision re-implementation of the network and its loss: the independent
/// oracle for the gradient check (finite differences in double are accurate to ~1e-9 here).
/// </summary>
internal static class ReferenceNetwork
{
    public static double Logit(ModelSpec spec, ParameterLayout layout, double[] p, ReadOnlySpan<float> dense, ReadOnlySpan<int> ids)
    {
        var h = new List<double>();
        foreach (var x in dense)
        {
            h.Add(x);
        }

        for (var k = 0; k < spec.CategoricalCount; k++)
        {
            var f = spec.Categorical[k];
            var id = ids[k] >= 0 && ids[k] < f.VocabularySize ? ids[k] : 0;
            for (var e = 0; e < f.EmbeddingDim; e++)
            {
                h.Add(p[layout.EmbeddingOffset(k) + id * f.EmbeddingDim + e]);
            }
        }

        for (var l = 0; l < layout.LayerCount; l++)
        {
            var next = new double[layout.LayerOutputs[l]];
            for (var j = 0; j < next.Length; j++)
            {
                var z = p[layout.BiasOffset(l) + j];
                for (var i = 0; i < h.Count; i++)
                {
                    z += p[layout.WeightOffset(l) + j * h.Count + i] * h[i];
                }

                next[j] = l < layout.LayerCount - 1 ? Math.Max(0, z) : z;
            }

            h = [.. next];
        }

        var logit = h[0];
        foreach (var dot in spec.DotProducts ?? [])
        {
            var dim = spec.Categorical[dot.Left].EmbeddingDim;
            var left = layout.EmbeddingOffset(dot.Left) + SafeId(ids[dot.Left], spec.Categorical[dot.Left].VocabularySize) * dim;
            var right = layout.EmbeddingOffset(dot.Right) + SafeId(ids[dot.Right], spec.Categorical[dot.Right].VocabularySize) * dim;
            for (var e = 0; e < dim; e++)
            {
                logit += p[left + e] * p[right + e];
            }
        }

        return logit;
    }

    private static int SafeId(int id, int vocabulary) => id >= 0 && id < vocabulary ? id : 0;

    /// <summary>Weighted mean binary cross-entropy over rows, the trainer's objective.</summary>
    public static double Loss(ModelSpec spec, ParameterLayout layout, double[] p, TrainingData data, int[] rows)
    {
        double sum = 0;
        double weights = 0;
        foreach (var r in rows)
        {
            var z = Logit(spec, layout, p, data.DenseRow(r), data.CategoricalRow(r));
            var y = data.Labels[r];
            var w = data.Weight(r);
            sum += w * (Math.Max(z, 0) - z * y + Math.Log(1 + Math.Exp(-Math.Abs(z))));
            weights += w;
        }

        return sum / weights;
    }

    /// <summary>
    /// Sampled-softmax loss over consecutive groups of <paramref name="groupSize"/> rows (rows of weight 0 masked
    /// out), summed -w·y·log p and divided by Σ w·y: the trainer's <see cref="TrainingLoss.GroupSoftmax"/>.
    /// </summary>
    public static double GroupSoftmaxLoss(ModelSpec spec, ParameterLayout layout, double[] p, TrainingData data, int[] rows, int groupSize)
    {
        double sum = 0;
        double weights = 0;
        for (var start = 0; start < rows.Length; start += groupSize)
        {
            var group = rows.Skip(start).Take(groupSize).Where(r => data.Weight(r) > 0).ToArray();
            if (group.Length == 0)
            {
                continue;
            }

            var logits = group.Select(r => Logit(spec, layout, p, data.DenseRow(r), data.CategoricalRow(r))).ToArray();
            var logSum = Math.Log(logits.Sum(Math.Exp));
            for (var k = 0; k < group.Length; k++)
            {
                var wy = data.Weight(group[k]) * data.Labels[group[k]];
                sum -= wy * (logits[k] - logSum);
                weights += wy;
            }
        }

        return sum / weights;
    }
}
