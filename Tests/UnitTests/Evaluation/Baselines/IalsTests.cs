using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Evaluation.Models;
using LeadRecs.Ranking.Evaluation.Models.Ials;
using LeadRecs.Ranking.Evaluation.Protocols;

namespace LeadRecs.UnitTests.Evaluation.Baselines;

public sealed class IalsTests
{
    [Fact]
    public void EachEpoch_LowersTheLoss()
    {
        var train = Planted();
        var options = new IalsOptions { Factors = 8, Epochs = 6, Regularization = 0.01, UnobservedWeight = 0.1, CgSteps = 8 };
        var losses = new List<double>();

        IalsTrainer.Train(train, options, seed: 1, threads: 1, (_, model) =>
        {
            losses.Add(Loss(train, model, options));
            return true;
        });

        Assert.Equal(6, losses.Count);
        for (var e = 1; e < losses.Count; e++)
        {
            Assert.True(losses[e] <= losses[e - 1] * (1 + 1e-4), $"epoch {e + 1}: {losses[e]} after {losses[e - 1]}");
        }

        Assert.True(losses[^1] < losses[0] * 0.9, string.Join(", ", losses));
    }

    [Fact]
    public void TheFactors_DoNotDependOnTheThreadCount()
    {
        var train = Planted();
        var options = new IalsOptions { Factors = 8, Epochs = 3 };

        var one = IalsTrainer.Train(train, options, seed: 4, threads: 1);
        var two = IalsTrainer.Train(train, options, seed: 4, threads: 2);

        Assert.Equal(one.UserFactors, two.UserFactors);
        Assert.Equal(one.ItemFactors, two.ItemFactors);
    }

    [Fact]
    public void Tuned_BeatsPopularityOnPlantedTastes()
    {
        var table = PlantedData.Table();
        var protocol = LeaveOneOutProtocol.Create(table, table.Users.Max() + 1, table.Items.Max() + 1, null, seed: 2, negatives: 20);
        var context = new FitContext(1, Validation: protocol.CarveValidation(3), MaxDegreeOfParallelism: 2);
        var tuner = new IalsTuner { SmallFactors = 8, LargerFactors = [16], Regularizations = [0.01], UnobservedWeights = [0.03, 0.3], MaxEpochs = 6 };
        var ials = new IalsRecommender(tuner: tuner);
        var popularity = new PopularityRecommender();

        ials.Fit(protocol.Train, context);
        popularity.Fit(protocol.Train, context);

        var ialsNdcg = protocol.Evaluate(ials, null, 2, default)[MetricNames.Ndcg];
        var popularityNdcg = protocol.Evaluate(popularity, null, 2, default)[MetricNames.Ndcg];
        Assert.True(ialsNdcg > popularityNdcg + 0.05, $"ials {ialsNdcg:0.000} vs popularity {popularityNdcg:0.000}");
        Assert.Contains("tuned on loo (validation)", ials.Settings);
    }

    private static UserItemMatrix Planted()
    {
        var table = PlantedData.Table();
        return UserItemMatrix.FromTable(table, table.Users.Max() + 1, table.Items.Max() + 1, null);
    }

    /// <summary>The paper's objective, computed directly over every (user, item) pair.</summary>
    private static double Loss(UserItemMatrix train, IalsModel model, IalsOptions options)
    {
        var k = model.Factors;
        var all = Enumerable.Range(0, train.ItemCount).ToArray();
        var scores = new float[train.ItemCount];
        var loss = 0.0;
        for (var u = 0; u < train.UserCount; u++)
        {
            model.Score(u, all, scores);
            for (var i = 0; i < train.ItemCount; i++)
            {
                loss += train.Contains(u, i) ? (scores[i] - 1) * (scores[i] - 1) : 0;
                loss += options.UnobservedWeight * scores[i] * scores[i];
            }

            loss += options.Regularization * (train.UserItems[u].Length + options.UnobservedWeight * train.ItemCount) * Norm2(model.UserFactors, u, k);
        }

        for (var i = 0; i < train.ItemCount; i++)
        {
            loss += options.Regularization * (train.ItemCounts[i] + options.UnobservedWeight * train.UserCount) * Norm2(model.ItemFactors, i, k);
        }

        return loss;
    }

    private static double Norm2(float[] factors, int row, int k) => factors.AsSpan(row * k, k).ToArray().Sum(v => (double)v * v);
}
