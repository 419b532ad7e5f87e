using System.Diagnostics;
using System.Globalization;
using LeadRecs.Ranking.Simulation;

namespace LeadRecs.Tools.Commands;

/// <summary><c>leadrecs simulate</c>: writes a synthetic market with hidden preferences as CSV and prints its funnel.</summary>
public sealed class SimulateCommand : ICommand
{
    public string Name => "simulate";

    public string Summary => "synthetic market with hidden preferences, written as CSV files";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Valued("out", "DIR", "where the CSV files go (required)"),
        OptionSpec.Valued("seed", "N", "simulation seed (default 42)"),
        OptionSpec.Valued("users", "N", "users (default 300)"),
        OptionSpec.Valued("leads", "N", "leads (default 2000)"),
        OptionSpec.Valued("days", "N", "days simulated (default 30)"),
        OptionSpec.Valued("views-per-day", "X", "views per user per day (default 6)"),
        OptionSpec.Valued("start", "DATE", "first day, e.g. 2026-01-05"),
        OptionSpec.Valued("market-interval", "DAYS", "days between market snapshots (default 1)"),
        OptionSpec.Flag("synthetic", "synthetic leads instead of King County sales"),
        OptionSpec.Valued("kc-house", "FILE", "the King County sales file (default: found under shared/data)"),
    ];

    public Task<int> RunAsync(CommandArgs args, TextWriter output, CancellationToken cancellationToken)
    {
        var directory = args.GetRequiredString("out");
        var defaults = new SimulationOptions();
        var options = new SimulationOptions
        {
            Seed = args.GetInt("seed", defaults.Seed),
            UserCount = args.GetInt("users", defaults.UserCount),
            LeadCount = args.GetInt("leads", defaults.LeadCount),
            Days = args.GetInt("days", defaults.Days),
            ViewsPerUserPerDay = args.GetDouble("views-per-day", defaults.ViewsPerUserPerDay),
            MarketIntervalDays = args.GetInt("market-interval", defaults.MarketIntervalDays),
            Start = ParseStart(args.GetString("start")) ?? defaults.Start,
            UseKcHouse = !args.Has("synthetic"),
            KcHousePath = args.GetString("kc-house"),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            var option = ex.ParamName switch
            {
                nameof(SimulationOptions.LeadCount) => "--leads",
                nameof(SimulationOptions.UserCount) => "--users",
                nameof(SimulationOptions.Days) => "--days",
                nameof(SimulationOptions.ViewsPerUserPerDay) => "--views-per-day",
                nameof(SimulationOptions.MarketIntervalDays) => "--market-interval",
                _ => ex.ParamName,
            };
            throw new CommandArgsException($"{option} is out of range ({ex.ActualValue}).");
        }

        var clock = Stopwatch.StartNew();
        var market = MarketSimulator.Simulate(options, new SimulationProgressWriter(Console.Error), cancellationToken);
        var simulated = clock.Elapsed;
        SimulationCsvWriter.Write(market, directory);
        var written = clock.Elapsed - simulated;

        PrintSummary(output, SimulationSummary.Compute(market));
        output.WriteLine(Invariant($"time: simulate {simulated.TotalSeconds:0.00} s, write {written.TotalSeconds:0.00} s"));
        output.WriteLine($"wrote {string.Join(", ", SimulationCsvWriter.FileNames)} to {Path.GetFullPath(directory)}");
        return Task.FromResult(0);
    }

    private static DateTimeOffset? ParseStart(string? text) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start)
            ? start
            : throw new CommandArgsException($"--start must be a date like 2026-01-05, not '{text}'.");

    private static void PrintSummary(TextWriter output, SimulationSummary s)
    {
        output.WriteLine(Invariant($"source: {s.Source}; {s.Leads:N0} leads, {s.Users:N0} users"));
        output.WriteLine("leads by kind:   " + string.Join(", ", s.LeadsByKind.Select(p => Invariant($"{SimulationCsvWriter.Name(p.Key)} {p.Value:N0}"))));
        output.WriteLine("leads by status: " + string.Join(", ", s.LeadsByStatus.Select(p => Invariant($"{SimulationCsvWriter.Name(p.Key)} {p.Value:N0}"))));
        output.WriteLine(Invariant($"events: {s.Views:N0} views, {s.Clicks:N0} clicks, {s.Inquiries:N0} inquiries"));
        output.WriteLine(Invariant($"funnel: click/view {s.ClicksPerView:P1}, inquiry/click {s.InquiriesPerClick:P1}"));
        output.WriteLine(Invariant(
            $"relevant share: views {s.RelevantShareOfViews:P1}, clicks {s.RelevantShareOfClicks:P1}, inquiries {s.RelevantShareOfInquiries:P1}"));
        output.WriteLine(Invariant(
            $"inquiries per view: relevant leads {s.InquiriesPerViewOfRelevant:P2}, other leads {s.InquiriesPerViewOfIrrelevant:P2}"));
        output.WriteLine(Invariant(
            $"ground truth: {s.MeanRelevantActiveLeadsPerUser:0.0} relevant active leads per user ({s.UsersWithTenRelevantActiveLeads:N0} of {s.Users:N0} users have 10+)"));
        output.WriteLine(Invariant(
            $"  of which not yet viewed: {s.MeanUnviewedRelevantActiveLeadsPerUser:0.0} per user ({s.UsersWithTenUnviewedRelevantActiveLeads:N0} of {s.Users:N0} users have 10+)"));
        output.WriteLine(Invariant($"market points: {s.MarketPoints:N0}; status changes: {s.StatusChanges:N0}"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
