using System.Globalization;
using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Evaluation.Progress;
using LeadRecs.Ranking.Fraud.Evaluation;
using LeadRecs.Ranking.Simulation;
using LeadRecs.Ranking.Simulation.Bots;
using LeadRecs.Ranking.Training;

namespace LeadRecs.Ranking.Evaluation.Simulated;

/// <summary>
/// The simulated protocol with bots (<see cref="BotInjector"/>) in its market: the fraud filter screens everyone's events
/// as the service would (<see cref="FraudEvaluation"/>), then for each <see cref="BotScenario"/> every model of the
/// protocol (deep model included) is fitted on that scenario's events alone and ranks each person at the end of the
/// period, scored as <see cref="RankingQuality"/>: relevance@k by the hidden preferences, and the share of top-k slots
/// taken by the leads the bots push. Relevance counts people only; bots are never ranked. Deterministic by seeds.
/// </summary>
public static class SimulatedBotProtocol
{
    /// <summary>Simulates <see cref="SimulatedProtocolOptions.Simulation"/>, then runs the protocol on it.</summary>
    public static SimulatedBotReport Run(SimulatedBotOptions options, TextWriter? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        SimulatedMarket market;
        using (var bar = new ProgressBar(progress, "simulating", options.Protocol.Simulation.Days, "days"))
        {
            var days = new Progress.SyncProgress<SimulationProgress>(p => bar.Advance(p.DaysDone - bar.Done));
            market = MarketSimulator.Simulate(options.Protocol.Simulation, days, cancellationToken);
            bar.Complete(Invariant($"{market.Users.Count:N0} people, {market.Leads.Count:N0} leads, {market.Interactions.Count:N0} events"));
        }
        return Run(market, options, progress, cancellationToken);
    }

    /// <summary>The protocol on a market simulated already (<see cref="SimulatedProtocolOptions.Simulation"/> is ignored).</summary>
    public static SimulatedBotReport Run(
        SimulatedMarket market, SimulatedBotOptions options, TextWriter? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var scenarios = options.Scenarios;
        var bots = BotInjector.Inject(market, options.Bots);

        FraudEvaluationResult? screened = null;
        if (scenarios.Any(s => s is BotScenario.FilteredAtIngestion or BotScenario.FilteredInLog))
        {
            using var bar = new ProgressBar(progress, "fraud filter", bots.Interactions.Count, "events");
            screened = FraudEvaluation.Run(bots, options.Fraud, options.BatchSeconds);
            bar.Advance(bots.Interactions.Count);
            bar.Complete(Invariant(
                $"recall {screened.InLog.Recall:0.0000}, false positives {screened.InLog.FalsePositiveRate:0.0000} (in the log)"));
        }

        var protocol = options.Protocol;
        var trainEnd = market.Start + (market.End - market.Start) * protocol.TrainFraction;
        var rows = new List<SimulatedBotRow>();
        foreach (var scenario in scenarios)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var label = Describe(scenario);
            var events = Events(scenario, bots, screened);
            var history = MarketHistory.From(market) with { Interactions = events };
            SimulatedRankers rankers;
            using (var training = new TrainingBars(progress, label, events.Count(i => i.At < trainEnd), protocol.Trainer.Trainer.MaxEpochs))
            {
                rankers = SimulatedRankers.Fit(market, history, protocol, training, cancellationToken);
            }
            using (rankers)
            using (var bar = new ProgressBar(progress, label + ": ranking", (market.Users.Count + 1L) * rankers.Models.Count, "lists"))
            {
                foreach (var model in rankers.Models)
                {
                    var quality = RankingQuality.Measure(bots, userId =>
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        bar.Advance();
                        return rankers.Recommend(model, userId);
                    }, protocol.K);
                    rows.Add(new SimulatedBotRow(scenario, model.Name, protocol.K, quality.RelevantAtK, quality.PromotedShare,
                        quality.NewUserPromotedShare, model.TrainingSeconds, market.Users.Count, events.Count));
                }
                bar.Complete();
            }
        }

        var filter = screened is null
            ? null
            : new FilterCatch(screened.AtIngestion.Recall, screened.InLog.Recall, screened.AtIngestion.FalsePositiveRate, screened.InLog.FalsePositiveRate);
        return new SimulatedBotReport(rows, market.Users.Count, bots.Bots.Count, market.Interactions.Count,
            bots.Interactions.Count - market.Interactions.Count, bots.PromotedLeads.Count, filter);
    }

    /// <summary>How a scenario is named in tables and progress.</summary>
    public static string Describe(BotScenario scenario) => scenario switch
    {
        BotScenario.NoBots => "no bots",
        BotScenario.Unfiltered => "bots unfiltered",
        BotScenario.FilteredAtIngestion => "bots filtered at ingestion",
        BotScenario.FilteredInLog => "bots filtered in the log",
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    private static List<Interaction> Events(BotScenario scenario, BotMarket bots, FraudEvaluationResult? screened) => scenario switch
    {
        BotScenario.NoBots => [.. bots.Market.Interactions],
        BotScenario.Unfiltered => [.. bots.Interactions],
        BotScenario.FilteredAtIngestion => Kept(bots, screened!.AtIngestion.Flags),
        BotScenario.FilteredInLog => Kept(bots, screened!.InLog.Flags),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    private static List<Interaction> Kept(BotMarket bots, IReadOnlyList<InteractionFlags> flags) =>
        bots.Interactions.Where((_, i) => flags[i] == InteractionFlags.None).ToList();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
