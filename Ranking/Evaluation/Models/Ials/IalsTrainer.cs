using System.Numerics.Tensors;
using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Simulation;

namespace LeadRecs.Ranking.Evaluation.Models.Ials;

/// <summary>
/// iALS by alternating least squares: each epoch solves every user row with the items fixed, then every item row
/// with the users fixed. Row u minimises its part of the loss, a k x k system
/// (Σ_{i∈I_u} h_i h_iᵀ + α₀ HᵀH + λ_u I) w_u = Σ_{i∈I_u} h_i, solved by a few conjugate-gradient steps from the
/// previous w_u (Takács et al. 2011) without forming the matrix: a product costs |I_u|·2k + k² instead of |I_u|·k²
/// to build it. The α₀ HᵀH term, shared by every row, is what makes the all-unobserved weight cheap. Rows are
/// independent given the other side, so they run in parallel and the result does not depend on the thread count.
/// </summary>
public static class IalsTrainer
{
    /// <param name="afterEpoch">Called after each epoch with its number; returning false stops training.</param>
    public static IalsModel Train(
        UserItemMatrix train, IalsOptions options, int seed, int threads, Func<int, IalsModel, bool>? afterEpoch = null, CancellationToken cancellationToken = default)
    {
        var k = options.Factors;
        var model = new IalsModel(train.UserCount, train.ItemCount, k);
        var random = DeterministicRandom.For(seed, "ials-init");
        var std = options.InitialStd / Math.Sqrt(k);
        foreach (var factors in new[] { model.UserFactors, model.ItemFactors })
        {
            for (var i = 0; i < factors.Length; i++)
            {
                factors[i] = (float)(random.NextGaussian() * std);
            }
        }

        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SolveSide(model.UserFactors, model.ItemFactors, train.UserItems, train.ItemCount, options, threads, cancellationToken);
            SolveSide(model.ItemFactors, model.UserFactors, train.ItemUsers, train.UserCount, options, threads, cancellationToken);
            if (afterEpoch is not null && !afterEpoch(epoch, model))
            {
                break;
            }
        }

        return model;
    }

    /// <summary>Solves every row of <paramref name="rows"/> with <paramref name="fixedSide"/> held.</summary>
    private static void SolveSide(float[] rows, float[] fixedSide, int[][] observed, int fixedCount, IalsOptions options, int threads, CancellationToken cancellationToken)
    {
        var k = options.Factors;
        var gram = Gram(fixedSide, fixedCount, k);
        var alpha = (float)options.UnobservedWeight;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        Parallel.For(0, observed.Length, parallel, () => new Workspace(k), (r, _, ws) =>
        {
            var partners = observed[r];
            var reg = (float)(options.Regularization * Math.Pow(partners.Length + options.UnobservedWeight * fixedCount, options.FrequencyExponent));
            var x = rows.AsSpan(r * k, k);

            // b = Σ h_i over the observed partners (target 1, weight 1).
            ws.B.AsSpan().Clear();
            foreach (var p in partners)
            {
                TensorPrimitives.Add(ws.B, fixedSide.AsSpan(p * k, k), ws.B);
            }

            Multiply(x, ws.R, partners, fixedSide, gram, alpha, reg, k, ws.Scratch);
            TensorPrimitives.Subtract(ws.B, ws.R, ws.R); // r = b - A x
            ws.R.CopyTo(ws.P, 0);
            var rs = TensorPrimitives.Dot<float>(ws.R, ws.R);
            for (var step = 0; step < options.CgSteps && rs > 1e-12f; step++)
            {
                Multiply(ws.P, ws.Ap, partners, fixedSide, gram, alpha, reg, k, ws.Scratch);
                var pAp = TensorPrimitives.Dot<float>(ws.P, ws.Ap);
                if (!(pAp > 0))
                {
                    break;
                }

                var a = rs / pAp;
                TensorPrimitives.MultiplyAdd(ws.P, a, x, x);
                TensorPrimitives.MultiplyAdd(ws.Ap, -a, ws.R, ws.R);
                var next = TensorPrimitives.Dot<float>(ws.R, ws.R);
                TensorPrimitives.MultiplyAdd(ws.P, next / rs, ws.R, ws.P);
                rs = next;
            }

            return ws;
        }, _ => { });
    }

    /// <summary>y = (Σ_{p} h_p h_pᵀ + α₀ G + reg I) v, without forming the matrix.</summary>
    private static void Multiply(ReadOnlySpan<float> v, Span<float> y, int[] partners, float[] fixedSide, float[] gram, float alpha, float reg, int k, float[] scratch)
    {
        for (var row = 0; row < k; row++)
        {
            scratch[row] = TensorPrimitives.Dot(gram.AsSpan(row * k, k), v);
        }

        // y = α₀ G v + reg v
        TensorPrimitives.Multiply(scratch.AsSpan(0, k), alpha, y);
        TensorPrimitives.MultiplyAdd(v, reg, y, y);
        foreach (var p in partners)
        {
            var h = fixedSide.AsSpan(p * k, k);
            TensorPrimitives.MultiplyAdd(h, TensorPrimitives.Dot(h, v), y, y);
        }
    }

    /// <summary>HᵀH over every row of the fixed side (k x k), accumulated in double, stored as float.</summary>
    private static float[] Gram(float[] factors, int count, int k)
    {
        var sums = new double[k * k];
        for (var r = 0; r < count; r++)
        {
            var h = factors.AsSpan(r * k, k);
            for (var a = 0; a < k; a++)
            {
                var ha = h[a];
                var row = a * k;
                for (var b = 0; b < k; b++)
                {
                    sums[row + b] += ha * h[b];
                }
            }
        }

        return sums.Select(s => (float)s).ToArray();
    }

    private sealed class Workspace(int k)
    {
        public float[] B { get; } = new float[k];

        public float[] R { get; } = new float[k];

        public float[] P { get; } = new float[k];

        public float[] Ap { get; } = new float[k];

        public float[] Scratch { get; } = new float[k];
    }
}
