using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Simulation;

namespace LeadRecs.Ranking.Evaluation.Models;

/// <summary>
/// Bayesian Personalised Ranking (Rendle et al., 2009) by plain SGD: draw a training pair (u, i) uniformly, a
/// negative j uniformly among items u never touched, and push bias_i + p_u·q_i above bias_j + p_u·q_j.
/// Single-threaded on purpose: lock-free parallel SGD (Hogwild) would make the weights depend on thread timing;
/// the tuner runs whole configurations in parallel instead.
/// </summary>
public static class BprTrainer
{
    /// <param name="afterEpoch">Called after each epoch with its number; returning false stops training.</param>
    public static BprModel Train(
        UserItemMatrix train, BprOptions options, int seed, Func<int, BprModel, bool>? afterEpoch = null, CancellationToken cancellationToken = default)
    {
        var k = options.Factors;
        var model = new BprModel(train.UserCount, train.ItemCount, k);
        var init = DeterministicRandom.For(seed, "bpr-init");
        Fill(model.UserFactors, init, options.InitialStd);
        Fill(model.ItemFactors, init, options.InitialStd);
        var (pairUsers, pairItems) = train.Pairs();
        if (pairUsers.Length == 0)
        {
            return model;
        }

        var random = DeterministicRandom.For(seed, "bpr-sgd");
        var lr = options.LearningRate;
        var reg = options.Regularization;
        var biasReg = options.BiasRegularization;
        var p = model.UserFactors;
        var q = model.ItemFactors;
        var bias = model.ItemBias;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var step = 0; step < pairUsers.Length; step++)
            {
                var r = random.Next(pairUsers.Length);
                var u = pairUsers[r];
                var i = pairItems[r];
                var j = SampleNegative(train.UserItems[u], train.ItemCount, random);
                if (j < 0)
                {
                    continue;
                }

                var pu = u * k;
                var qi = i * k;
                var qj = j * k;
                var x = bias[i] - bias[j];
                for (var f = 0; f < k; f++)
                {
                    x += p[pu + f] * (q[qi + f] - q[qj + f]);
                }

                // d/dx ln sigmoid(x) = sigmoid(-x)
                var g = 1f / (1f + MathF.Exp(x));
                bias[i] += lr * (g - biasReg * bias[i]);
                bias[j] += lr * (-g - biasReg * bias[j]);
                for (var f = 0; f < k; f++)
                {
                    var uf = p[pu + f];
                    var itemDiff = q[qi + f] - q[qj + f];
                    p[pu + f] += lr * (g * itemDiff - reg * uf);
                    q[qi + f] += lr * (g * uf - reg * q[qi + f]);
                    q[qj + f] += lr * (-g * uf - reg * q[qj + f]);
                }
            }

            if (afterEpoch is not null && !afterEpoch(epoch, model))
            {
                break;
            }
        }

        return model;
    }

    /// <summary>A uniform unseen item by rejection; -1 for a user who has (nearly) everything.</summary>
    private static int SampleNegative(int[] seen, int itemCount, DeterministicRandom random)
    {
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var j = random.Next(itemCount);
            if (Array.BinarySearch(seen, j) < 0)
            {
                return j;
            }
        }

        return -1;
    }

    private static void Fill(float[] values, DeterministicRandom random, float std)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextGaussian() * std);
        }
    }
}
