using LeadRecs.Ranking.Evaluation.Simulated;
using LeadRecs.Ranking.Features.Schema;
using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Simulation.Bots;
using Xunit.Abstractions;

namespace LeadRecs.UnitTests.Training;

/// <summary>
/// The simulated protocol with bots on the tiny market, a small bot population and a small model: what the bots take
/// from people's lists, and that the filter gives it back for every model, the deep one included.
/// </summary>
public sealed class SimulatedBotProtocolTests(ITestOutputHelper output)
{
    private static readonly SimulatedBotOptions Options = new()
    {
        Protocol = new SimulatedProtocolOptions
        {
            Simulation = TinyMarket.Options,
            Trainer = LeadModelFixture.Options(FeatureSchemas.Latest, "bots") with
            {
                Trainer = new TrainerOptions { MaxEpochs = 2, BatchSize = 128 },
            },
        },
        // The bots that push leads (hammers, a farm), few enough that the unfiltered model trains in a few seconds.
        Bots = new BotOptions { Seed = 3, Scrapers = 0, Metronomes = 0, Hammers = 2, LockstepFarms = 1, FarmSize = 5, InquirySpammers = 0 },
    };

    [Fact]
    public void Bots_take_slots_from_people_and_the_filter_gives_them_back()
    {
        var progress = new StringWriter();

        var report = SimulatedBotProtocol.Run(TinyMarket.Market, Options, progress);

        var text = new StringWriter();
        SimulatedBotTable.Write(text, Options, report);
        output.WriteLine(text.ToString());
        var models = new[] { SimulatedProtocol.BaselineModel, SimulatedProtocol.PopularityModel, SimulatedProtocol.DeepModel, SimulatedProtocol.OracleModel };
        Assert.Equal(
            [BotScenario.NoBots, BotScenario.Unfiltered, BotScenario.FilteredAtIngestion, BotScenario.FilteredInLog],
            report.Rows.Select(r => r.Scenario).Distinct());
        Assert.All(report.Rows.GroupBy(r => r.Scenario), g => Assert.Equal(models, g.Select(r => r.Model)));
        Assert.All(report.Rows, r => Assert.Equal(TinyMarket.Options.UserCount, r.Users));
        Assert.Equal(Options.Bots.Accounts, report.BotAccounts);
        Assert.True(report.BotEvents > report.PeopleEvents, $"{report.BotEvents} bot events");

        var row = report.Rows.ToDictionary(r => (r.Scenario, r.Model));
        double Promoted(BotScenario s) => models.Sum(m => row[(s, m)].PromotedShare);

        // Models learn from exactly the events each scenario keeps.
        Assert.Equal(report.PeopleEvents, row[(BotScenario.NoBots, SimulatedProtocol.DeepModel)].Events);
        Assert.Equal(report.PeopleEvents + report.BotEvents, row[(BotScenario.Unfiltered, SimulatedProtocol.DeepModel)].Events);

        // Unfiltered, the pushed leads take people's slots (popularity feeds candidates and every model's features) ...
        Assert.True(Promoted(BotScenario.Unfiltered) > Promoted(BotScenario.NoBots), text.ToString());
        Assert.True(row[(BotScenario.Unfiltered, SimulatedProtocol.PopularityModel)].PromotedShare > 0.5, text.ToString());
        Assert.True(row[(BotScenario.Unfiltered, SimulatedProtocol.PopularityModel)].NewUserPromotedShare > 0.5, text.ToString());
        // ... and the filter takes them back: partly as events arrive, fully once run-ups are flagged in the log.
        Assert.True(Promoted(BotScenario.FilteredAtIngestion) < Promoted(BotScenario.Unfiltered), text.ToString());
        Assert.True(Promoted(BotScenario.FilteredInLog) < Promoted(BotScenario.Unfiltered), text.ToString());
        Assert.All(models, m => Assert.True(
            row[(BotScenario.FilteredInLog, m)].PromotedShare <= row[(BotScenario.NoBots, m)].PromotedShare + 0.02, $"{m}: {text}"));
        Assert.NotNull(report.Filter);
        Assert.True(report.Filter.RecallInLog >= 0.99, $"recall in the log {report.Filter.RecallInLog:0.0000}");

        // Every model is fitted and scored anew per scenario, the deep model included.
        Assert.All(report.Rows.Where(r => r.Model == SimulatedProtocol.DeepModel), r => Assert.True(r.TrainingSeconds > 0));
        Assert.All(report.Rows, r => Assert.InRange(r.RelevantAtK, 0, 1));
        var lines = progress.ToString();
        Assert.Contains("fraud filter", lines);
        Assert.Contains("bots unfiltered: training", lines);
        Assert.Contains("bots filtered in the log: ranking", lines);
    }

    [Fact]
    public void Without_the_filter_only_the_unfiltered_scenario_runs_beside_the_clean_one()
    {
        var options = Options with { Filter = BotFilterMode.Off, Protocol = Options.Protocol with { IncludeOracle = false } };

        var report = SimulatedBotProtocol.Run(TinyMarket.Market, options);

        Assert.Null(report.Filter);
        Assert.Equal([BotScenario.NoBots, BotScenario.Unfiltered], report.Rows.Select(r => r.Scenario).Distinct());
        Assert.DoesNotContain(report.Rows, r => r.Model == SimulatedProtocol.OracleModel);
    }
}
