using LeadRecs.Ranking.Evaluation.Simulated;
using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Training;
using LeadRecs.UnitTests.Model;
using Xunit.Abstractions;

namespace LeadRecs.UnitTests.Training;

public sealed class SimulatedProtocolTests(ITestOutputHelper output)
{
    [Fact]
    public void Reports_every_model_and_the_trained_one_beats_popularity()
    {
        var options = new SimulatedProtocolOptions
        {
            Simulation = TinyMarket.Options,
            Trainer = LeadModelFixture.Options(Ranking.Features.Schema.FeatureSchemas.Latest, "eval") with
            {
                // A tiny market gives few rows: small batches so the model takes enough steps to learn kinds and places.
                Trainer = new TrainerOptions { MaxEpochs = 6, BatchSize = 64 },
                HiddenSizes = [32, 16],
            },
        };
        var progress = new ListProgress<SimulatedProtocolProgress>();

        var rows = SimulatedProtocol.Run(TinyMarket.Market, options, progress);

        foreach (var row in rows)
        {
            output.WriteLine($"{row.Model,-26} relevant@{row.K} {row.RelevantAtK:0.000}  training {row.TrainingSeconds:0.0} s");
        }
        Assert.Equal(
            [SimulatedProtocol.BaselineModel, SimulatedProtocol.PopularityModel, SimulatedProtocol.DeepModel, SimulatedProtocol.OracleModel],
            rows.Select(r => r.Model));
        Assert.All(rows, r => Assert.Equal(TinyMarket.Options.UserCount, r.Users));
        var score = rows.ToDictionary(r => r.Model, r => r.RelevantAtK);
        Assert.True(score[SimulatedProtocol.DeepModel] > score[SimulatedProtocol.PopularityModel] + 0.3, $"deep {score[SimulatedProtocol.DeepModel]:0.000}");
        Assert.True(score[SimulatedProtocol.DeepModel] > 0.7, $"deep {score[SimulatedProtocol.DeepModel]:0.000}");
        Assert.True(score[SimulatedProtocol.OracleModel] >= score[SimulatedProtocol.DeepModel]);
        Assert.True(rows.Single(r => r.Model == SimulatedProtocol.DeepModel).TrainingSeconds > 0);
        Assert.Contains(progress.Reports, p => p.Stage == "train");
        Assert.Equal(1, progress.Reports[^1].Fraction);
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => SimulatedProtocol.Run(TinyMarket.Market, new SimulatedProtocolOptions { TrainFraction = 0 }));
        Assert.Throws<ArgumentException>(() => SimulatedProtocol.Run(TinyMarket.Market, new SimulatedProtocolOptions { K = 0 }));
    }
}
