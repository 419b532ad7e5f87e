using System.Globalization;

namespace LeadRecs.Ranking.Evaluation.Simulated;

/// <summary>
/// The bot protocol's report as Markdown tables, one row per scenario and one column per model: relevant@k, the share
/// of people's top-k slots that went to bot-promoted leads, and the same share for a new user's list.
/// </summary>
public static class SimulatedBotTable
{
    public static void Write(TextWriter output, SimulatedBotOptions options, SimulatedBotReport report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        var simulation = options.Protocol.Simulation;
        var k = options.Protocol.K;
        var clients = options.Bots.SharedClient ? "through the same client as people" : "through clients of their own";
        output.WriteLine(Invariant(
            $"simulated protocol with bots: seed {simulation.Seed}, {report.People:N0} people, {simulation.LeadCount:N0} leads, {simulation.Days} days, {report.PeopleEvents:N0} people's events"));
        output.WriteLine(Invariant(
            $"bots: seed {options.Bots.Seed}, {report.BotAccounts} accounts {clients}, {report.BotEvents:N0} events, {report.PromotedLeads} promoted leads"));
        if (report.Filter is { } f)
        {
            output.WriteLine(Invariant(
                $"fraud filter: recall {f.RecallAtIngestion:0.0000} at ingestion, {f.RecallInLog:0.0000} in the log; false-positive rate {f.FalsePositiveRateAtIngestion:0.0000} / {f.FalsePositiveRateInLog:0.0000}"));
        }

        var scenarios = report.Rows.Select(r => r.Scenario).Distinct().ToList();
        var models = report.Rows.Select(r => r.Model).Distinct().ToList();
        var deepSeconds = report.Rows.Where(r => r.Model == SimulatedProtocol.DeepModel).ToDictionary(r => r.Scenario, r => r.TrainingSeconds);

        output.WriteLine();
        output.WriteLine(Invariant($"relevant@{k} (people's top {k}):"));
        Table(output, scenarios, models, report, r => Invariant($"{r.RelevantAtK:0.0000}"),
            ("events learnt from", s => Invariant($"{report.Rows.First(r => r.Scenario == s).Events:N0}")),
            ("deep training s", s => deepSeconds.TryGetValue(s, out var seconds) ? Invariant($"{seconds:0.0}") : "-"));

        output.WriteLine();
        output.WriteLine(Invariant($"share of people's top-{k} slots taken by bot-promoted leads:"));
        Table(output, scenarios, models, report, r => Invariant($"{r.PromotedShare:0.0000}"));

        // The oracle ranks a newcomer by nothing (no hidden preference), so its column would be noise.
        output.WriteLine();
        output.WriteLine(Invariant($"share of a new user's top {k} taken by bot-promoted leads:"));
        Table(output, scenarios, models.Where(m => m != SimulatedProtocol.OracleModel).ToList(), report, r => Invariant($"{r.NewUserPromotedShare:0.0}"));
    }

    private static void Table(
        TextWriter output,
        IReadOnlyList<BotScenario> scenarios,
        IReadOnlyList<string> models,
        SimulatedBotReport report,
        Func<SimulatedBotRow, string> cell,
        params (string Header, Func<BotScenario, string> Value)[] extra)
    {
        output.WriteLine("| models learn from | " + string.Join(" | ", models.Concat(extra.Select(e => e.Header))) + " |");
        output.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---:|", models.Count + extra.Length)));
        foreach (var scenario in scenarios)
        {
            var cells = models
                .Select(m => report.Rows.FirstOrDefault(r => r.Scenario == scenario && r.Model == m) is { } row ? cell(row) : "-")
                .Concat(extra.Select(e => e.Value(scenario)));
            output.WriteLine($"| {SimulatedBotProtocol.Describe(scenario)} | {string.Join(" | ", cells)} |");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
