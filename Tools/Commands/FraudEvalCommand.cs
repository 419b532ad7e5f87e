using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LeadRecs.Ranking.Fraud;
using LeadRecs.Ranking.Fraud.Evaluation;
using LeadRecs.Ranking.Simulation;
using LeadRecs.Ranking.Simulation.Bots;

namespace LeadRecs.Tools.Commands;

/// <summary>
/// <c>leadrecs fraud-eval</c>: simulates a market, injects bots, runs the fraud filter over everyone's events as the
/// service would, and prints recall (bot events caught), the false-positive rate (people's events flagged) and the
/// baseline ranker's relevance@10 for people learning from clean, bot-polluted and filtered events.
/// </summary>
public sealed class FraudEvalCommand : ICommand
{
    public string Name => "fraud-eval";

    public string Summary => "fraud filter on a simulated market with injected bots: recall, false positives, relevance@10";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Valued("seed", "N", "simulation seed (default 42)"),
        OptionSpec.Valued("users", "N", "users (default 300)"),
        OptionSpec.Valued("leads", "N", "leads (default 2000)"),
        OptionSpec.Valued("days", "N", "days (default 30)"),
        OptionSpec.Valued("views-per-day", "X", "views per user per day (default 6)"),
        OptionSpec.Flag("synthetic", "synthetic leads instead of King County sales"),
        OptionSpec.Valued("bot-seed", "N", "seed of the bots (default 42)"),
        OptionSpec.Valued("scrapers", "N", "scraper bots (default 4)"),
        OptionSpec.Valued("metronomes", "N", "metronome bots (default 4)"),
        OptionSpec.Valued("hammers", "N", "hammer bots (default 6)"),
        OptionSpec.Valued("farms", "N", "lockstep farms (default 2)"),
        OptionSpec.Valued("farm-size", "N", "bots per farm (default 12)"),
        OptionSpec.Valued("spammers", "N", "inquiry spammers (default 4)"),
        OptionSpec.Flag("separate-clients", "each bot on its own client instead of one shared"),
        OptionSpec.Valued("batch-seconds", "N", "seconds of events per screened batch (default 60)"),
        OptionSpec.Flag("no-relevance", "skip the relevance measurement"),
        OptionSpec.Valued("json", "FILE", "also write the results as JSON"),
    ];

    public Task<int> RunAsync(CommandArgs args, TextWriter output, CancellationToken cancellationToken)
    {
        var simulation = new SimulationOptions
        {
            Seed = args.GetInt("seed", 42),
            UserCount = args.GetInt("users", 300),
            LeadCount = args.GetInt("leads", 2000),
            Days = args.GetInt("days", 30),
            ViewsPerUserPerDay = args.GetDouble("views-per-day", new SimulationOptions().ViewsPerUserPerDay),
            UseKcHouse = !args.Has("synthetic"),
        };
        var defaults = new BotOptions();
        var bots = new BotOptions
        {
            Seed = args.GetInt("bot-seed", defaults.Seed),
            Scrapers = args.GetInt("scrapers", defaults.Scrapers),
            Metronomes = args.GetInt("metronomes", defaults.Metronomes),
            Hammers = args.GetInt("hammers", defaults.Hammers),
            LockstepFarms = args.GetInt("farms", defaults.LockstepFarms),
            FarmSize = args.GetInt("farm-size", defaults.FarmSize),
            InquirySpammers = args.GetInt("spammers", defaults.InquirySpammers),
            SharedClient = !args.Has("separate-clients"),
        };
        var batchSeconds = args.GetInt("batch-seconds", 60);
        try
        {
            simulation.Validate();
            bots.Validate();
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSeconds, "--batch-seconds");
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new CommandArgsException($"{ex.ParamName} is out of range ({ex.ActualValue}).");
        }

        var clock = Stopwatch.StartNew();
        var market = BotInjector.Inject(MarketSimulator.Simulate(simulation, cancellationToken: cancellationToken), bots);
        var simulated = clock.Elapsed;
        var result = FraudEvaluation.Run(market, FraudOptions.Default, batchSeconds);
        var screened = clock.Elapsed - simulated;
        var impact = args.Has("no-relevance") ? null : FilterImpact.Measure(market, result.InLog.Flags, result.AtIngestion.Flags);

        Print(output, market, result, impact);
        PrintHeadroom(output, HumanHeadroom.Compute(market.Market.Interactions, FraudOptions.Default), FraudOptions.Default);
        output.WriteLine(Invariant($"time: simulate {simulated.TotalSeconds:0.0} s, screen {screened.TotalSeconds:0.0} s ({market.Interactions.Count / Math.Max(screened.TotalSeconds, 1e-3):N0} events/s), total {clock.Elapsed.TotalSeconds:0.0} s"));
        if (args.GetString("json") is { } path)
        {
            File.WriteAllText(path, JsonSerializer.Serialize(ToJson(simulation, bots, result, impact), new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            output.WriteLine($"wrote {Path.GetFullPath(path)}");
        }
        return Task.FromResult(0);
    }

    private static void Print(TextWriter output, BotMarket market, FraudEvaluationResult result, FilterImpact? impact)
    {
        output.WriteLine(Invariant(
            $"market: {market.Market.Source}, {market.Market.Users.Count:N0} people, {market.Bots.Count:N0} bot accounts ({(market.Options.SharedClient ? "same client as people" : "own clients")}), {market.Interactions.Count:N0} events"));
        foreach (var (name, r) in new[] { ("at ingestion", result.AtIngestion), ("in the log (run-ups flagged retroactively)", result.InLog) })
        {
            output.WriteLine($"{name}:");
            output.WriteLine(Invariant($"  recall (bot events flagged):    {r.Recall:0.0000}  ({r.BotEventsFlagged:N0} of {r.BotEvents:N0})"));
            output.WriteLine(Invariant($"  false-positive rate (people's): {r.FalsePositiveRate:0.0000}  ({r.HumanEventsFlagged:N0} of {r.HumanEvents:N0})"));
            output.WriteLine(Invariant($"  accounts flagged: bots {r.BotAccountsFlagged} of {r.BotAccounts}, people {r.HumanUsersFlagged} of {r.HumanUsers}"));
            foreach (var (kind, (events, flagged, reasons)) in r.ByKind)
            {
                output.WriteLine(Invariant($"    {kind,-15} recall {(double)flagged / events:0.0000}  ({flagged:N0} of {events:N0}; {reasons})"));
            }
            output.WriteLine("  flagged events by reason: " + string.Join(", ", r.FlaggedEventsByReason.Select(p => Invariant($"{p.Key} {p.Value:N0}"))));
        }
        output.WriteLine(Invariant($"people with a lockstep hit: {result.PeopleWithLockstepHits}; most hit leads of a person in an hour: {result.MostLockstepLeadsOfAPerson} (flag at {FraudOptions.Default.LockstepHitsToFlag})"));
        if (impact is not null)
        {
            output.WriteLine("baseline ranker learning from          relevant@10  promoted share of top 10 (people / a new user)");
            var rows = new List<(string, RankingQuality)>
            {
                ("people only (no bots)", impact.Clean),
                ("everything (bots unfiltered)", impact.WithBots),
            };
            if (impact.FilteredAtIngestion is { } live)
            {
                rows.Add(("what passed at ingestion", live));
            }
            rows.Add(("what the filter kept in the log", impact.Filtered));
            foreach (var (name, q) in rows)
            {
                output.WriteLine(Invariant($"  {name,-36} {q.RelevantAtK,11:0.0000}  {q.PromotedShare,8:0.0000} / {q.NewUserPromotedShare:0.00}"));
            }
        }
    }

    private static void PrintHeadroom(TextWriter output, HumanHeadroom h, FraudOptions o)
    {
        output.WriteLine("people's most extreme value, against the threshold:");
        output.WriteLine(Invariant($"  events per minute {h.MaxEventsPerMinute} (> {o.MaxEventsPerMinute}), per hour {h.MaxEventsPerHour} (> {o.MaxEventsPerHour}), per day {h.MaxEventsPerDay} (> {o.MaxEventsPerDay})"));
        output.WriteLine(Invariant($"  gap CV over {o.RegularityGaps} gaps {h.MinRegularityCv:0.000} (< {o.MaxRegularityCv})"));
        output.WriteLine(Invariant($"  same lead per hour {h.MaxSameLeadPerHour} (> {o.MaxSameLeadPerHour}), per day {h.MaxSameLeadPerDay} (> {o.MaxSameLeadPerDay})"));
        output.WriteLine(Invariant($"  inquiries per hour {h.MaxInquiriesPerHour} (> {o.MaxInquiriesPerHour}), per day {h.MaxInquiriesPerDay} (> {o.MaxInquiriesPerDay})"));
    }

    private static object ToJson(SimulationOptions simulation, BotOptions bots, FraudEvaluationResult result, FilterImpact? impact) => new
    {
        simulation = new { simulation.Seed, simulation.UserCount, simulation.LeadCount, simulation.Days, simulation.ViewsPerUserPerDay },
        bots,
        atIngestion = Tally(result.AtIngestion),
        inLog = Tally(result.InLog),
        result.PeopleWithLockstepHits,
        result.MostLockstepLeadsOfAPerson,
        baseline = impact,
    };

    private static object Tally(FraudTally r) => new
    {
        recall = r.Recall,
        falsePositiveRate = r.FalsePositiveRate,
        r.BotEvents,
        r.BotEventsFlagged,
        r.HumanEvents,
        r.HumanEventsFlagged,
        r.BotAccounts,
        r.BotAccountsFlagged,
        r.HumanUsers,
        r.HumanUsersFlagged,
        byKind = r.ByKind.ToDictionary(k => k.Key.ToString(), k => new { events = k.Value.Events, flagged = k.Value.Flagged, reasons = k.Value.Reasons.ToString() }),
        byReason = r.FlaggedEventsByReason.ToDictionary(k => k.Key.ToString(), k => k.Value),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
