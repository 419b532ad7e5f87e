using LeadRecs.Ranking.Evaluation.Models;
using LeadRecs.Ranking.Evaluation.Protocols;

namespace LeadRecs.UnitTests.Evaluation;

public sealed class BprTests
{
    [Fact]
    public void LearnsAPlantedStructure_BetterThanPopularity()
    {
        var protocol = LeaveOneOutProtocol.Create(PlantedData.Table(), PlantedData.Users, PlantedData.Items, null, seed: 3, negatives: 20);
        var popularity = new PopularityRecommender();
        var bpr = new BprRecommender(new BprOptions { Factors = 8, Epochs = 40 });
        var context = new FitContext(Seed: 1);

        popularity.Fit(protocol.Train, context);
        bpr.Fit(protocol.Train, context);
        var popularityNdcg = protocol.Evaluate(popularity, null, 2, default)[MetricNames.Ndcg];
        var bprNdcg = protocol.Evaluate(bpr, null, 2, default)[MetricNames.Ndcg];

        Assert.True(bprNdcg > popularityNdcg + 0.1, $"bpr {bprNdcg:0.000} vs popularity {popularityNdcg:0.000}");
    }

    [Fact]
    public void SameSeed_SameScores()
    {
        var protocol = LeaveOneOutProtocol.Create(PlantedData.Table(), PlantedData.Users, PlantedData.Items, null, seed: 3, negatives: 20);
        var options = new BprOptions { Factors = 8, Epochs = 5 };

        var a = BprTrainer.Train(protocol.Train, options, seed: 9);
        var b = BprTrainer.Train(protocol.Train, options, seed: 9);

        Assert.Equal(a.UserFactors, b.UserFactors);
        Assert.Equal(a.ItemFactors, b.ItemFactors);
    }

    [Fact]
    public void Tuner_PicksFromTheGrid_OnTheValidationSplit()
    {
        var protocol = LeaveOneOutProtocol.Create(PlantedData.Table(), PlantedData.Users, PlantedData.Items, null, seed: 3, negatives: 20);
        var tuner = new BprTuner { Factors = [4, 8], LearningRates = [0.05f], Regularizations = [0.01f], MaxEpochs = 20 };

        var (best, metric) = tuner.Tune(protocol.CarveValidation(4), new BprOptions(), new FitContext(Seed: 1));

        Assert.Contains(best.Factors, new[] { 4, 8 });
        Assert.InRange(best.Epochs, 5, 20);
        Assert.InRange(metric, 0.0, 1.0);
    }
}
