using System.Globalization;

namespace LeadRecs.Ranking.Evaluation.Reporting;

/// <summary>
/// Prints a report as a Markdown table (it pastes into notes and reads fine in a terminal), with each metric's
/// relative change against the best baseline on that metric, then the settings every model ended up with.
/// </summary>
public static class ReportTable
{
    public static void Write(TextWriter output, EvaluationReport report)
    {
        output.WriteLine(report.Description);
        var bestBaseline = report.MetricNames.ToDictionary(
            m => m,
            m => report.Results.Where(r => r.IsBaseline).Select(r => r.Metrics[m]).DefaultIfEmpty(double.NaN).Max());
        var header = new List<string> { "model" };
        header.AddRange(report.MetricNames);
        header.AddRange(report.MetricNames.Select(m => m + " vs best baseline"));
        var primary = report.PrimaryMetric ?? report.MetricNames[0];
        header.Add($"sign test on {primary} vs best baseline");
        header.Add("train s (incl. tuning)");
        header.Add("score s");
        header.Add("fit peak MiB");
        var rows = report.Results.Select(r =>
        {
            var cells = new List<string> { r.Model + (r.IsBaseline ? " (baseline)" : string.Empty) };
            cells.AddRange(report.MetricNames.Select(m => Number(r.Metrics[m], "0.0000")));
            cells.AddRange(report.MetricNames.Select(m => Relative(r.Metrics[m], bestBaseline[m])));
            cells.Add(r.Significance is { } t
                ? string.Create(CultureInfo.InvariantCulture, $"{t.Wins}/{t.Losses}, p={PValue(t.PValue)} vs {r.ComparedWith}")
                : "-");
            cells.Add(Number(r.TrainSeconds, "0.0"));
            cells.Add(Number(r.ScoreSeconds, "0.00"));
            cells.Add(Number(r.PeakMegabytes, "0"));
            return cells;
        }).ToList();

        var widths = header.Select((h, c) => Math.Max(h.Length, rows.Select(r => r[c].Length).DefaultIfEmpty(0).Max())).ToArray();
        output.WriteLine(Line(header, widths));
        output.WriteLine("|" + string.Join("|", widths.Select((w, c) => c == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        foreach (var row in rows)
        {
            output.WriteLine(Line(row, widths));
        }

        output.WriteLine();
        foreach (var r in report.Results)
        {
            output.WriteLine($"{r.Model}: {r.Settings}");
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        "| " + string.Join(" | ", cells.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))) + " |";

    private static string PValue(double p) =>
        p < 1e-4 ? p.ToString("0.0e0", CultureInfo.InvariantCulture) : p.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Relative(double value, double baseline) =>
        double.IsNaN(baseline) || baseline <= 0
            ? "-"
            : ((value - baseline) / baseline).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture);
}
