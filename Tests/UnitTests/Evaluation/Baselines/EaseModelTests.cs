using LeadRecs.Ranking.Evaluation;
using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Evaluation.Models;
using LeadRecs.Ranking.Evaluation.Models.Linear;
using LeadRecs.Ranking.Evaluation.Protocols;
using LeadRecs.Ranking.Simulation;

namespace LeadRecs.UnitTests.Evaluation.Baselines;

public sealed class EaseModelTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TwoItems_MatchTheClosedFormByHand(bool dual)
    {
        // u0 took items 0 and 1, u1 took item 0. XᵀX + I = [[3, 1], [1, 2]], P = [[2, -1], [-1, 3]] / 5,
        // B_01 = -P_01 / P_11 = 1/3: u1's score for item 1 is x_u1 B = B_01.
        var train = UserItemMatrix.FromPairs(2, 2, [0, 0, 1], [0, 1, 0], null);
        var model = EaseModel.Fit(train, 1, new CholeskyInverter(), 1, forceForm: dual);
        var scores = new float[2];

        model.Score(1, [1, 0], scores);

        Assert.Equal(dual, model.IsDual);
        Assert.Equal(1 / 3.0, scores[0], 6);
        // diag B = 0: u1's score for item 0, the only item it took, is B_00, so an item never recommends itself.
        Assert.Equal(0.0, scores[1], 6);
    }

    [Fact]
    public void TheDualForm_GivesThePrimalScores()
    {
        var random = DeterministicRandom.For(9, "ease-test");
        var users = new List<int>();
        var items = new List<int>();
        for (var u = 0; u < 25; u++)
        {
            for (var i = 0; i < 40; i++)
            {
                if (random.Chance(0.15))
                {
                    users.Add(u);
                    items.Add(i);
                }
            }
        }

        var train = UserItemMatrix.FromPairs(25, 40, users.ToArray(), items.ToArray(), null);
        var primal = EaseModel.Fit(train, 7, new CholeskyInverter(), 1, forceForm: false);
        var dual = EaseModel.Fit(train, 7, new CholeskyInverter(), 2, forceForm: true);
        var all = Enumerable.Range(0, 40).ToArray();
        var a = new float[40];
        var b = new float[40];
        for (var u = 0; u < 25; u++)
        {
            primal.Score(u, all, a);
            dual.Score(u, all, b);
            for (var i = 0; i < 40; i++)
            {
                Assert.Equal(a[i], b[i], 4);
            }
        }
    }

    [Fact]
    public void Tuned_BeatsPopularityOnPlantedTastes()
    {
        var table = PlantedData.Table();
        var protocol = LeaveOneOutProtocol.Create(table, table.Users.Max() + 1, table.Items.Max() + 1, null, seed: 2, negatives: 20);
        var context = new FitContext(1, Validation: protocol.CarveValidation(3), MaxDegreeOfParallelism: 2);
        var ease = new EaseRecommender();
        var popularity = new PopularityRecommender();

        ease.Fit(protocol.Train, context);
        popularity.Fit(protocol.Train, context);

        var easeNdcg = protocol.Evaluate(ease, null, 2, default)[MetricNames.Ndcg];
        var popularityNdcg = protocol.Evaluate(popularity, null, 2, default)[MetricNames.Ndcg];
        Assert.True(easeNdcg > popularityNdcg + 0.05, $"ease {easeNdcg:0.000} vs popularity {popularityNdcg:0.000}");
        Assert.Contains("tuned on loo (validation)", ease.Settings);
        Assert.True(ModelCatalog.IsBaseline(ease.Name));
    }
}
