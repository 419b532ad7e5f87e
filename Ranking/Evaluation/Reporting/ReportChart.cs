using System.Globalization;
using System.Net;
using System.Text;

namespace LeadRecs.Ranking.Evaluation.Reporting;

/// <summary>
/// A grouped bar chart of a report as SVG: one group per metric, one bar per model (same colour in every group),
/// each labelled with its value. Plain SVG with no script or external font, so it opens anywhere and diffs as text.
/// </summary>
public static class ReportChart
{
    private const int BarWidth = 18;
    private const int GroupGap = 30;
    private const int PlotHeight = 220;
    private const int Left = 50;
    private const int Top = 40;

    private static readonly string[] Colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

    public static string Render(EvaluationReport report)
    {
        var models = report.Results;
        var metrics = report.MetricNames;
        var max = models.SelectMany(r => metrics.Select(m => r.Metrics[m])).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        max = max > 0 ? max * 1.15 : 1;
        var groupWidth = models.Count * BarWidth + GroupGap;
        var width = Left + metrics.Count * groupWidth + 160;
        var height = Top + PlotHeight + 60;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">\n"));
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"20\" font-size=\"13\">{Escape(report.Protocol)} (seed {report.Seed})</text>\n"));
        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Top + PlotHeight}\" x2=\"{Left + metrics.Count * groupWidth}\" y2=\"{Top + PlotHeight}\" stroke=\"black\"/>\n"));
        for (var g = 0; g < metrics.Count; g++)
        {
            var x0 = Left + g * groupWidth + GroupGap / 2;
            for (var b = 0; b < models.Count; b++)
            {
                var value = models[b].Metrics[metrics[g]];
                var h = double.IsFinite(value) ? Math.Max(0, value / max * PlotHeight) : 0;
                var x = x0 + b * BarWidth;
                var y = Top + PlotHeight - h;
                svg.Append(Invariant($"<rect x=\"{x}\" y=\"{y:0.0}\" width=\"{BarWidth - 2}\" height=\"{h:0.0}\" fill=\"{Colours[b % Colours.Length]}\"><title>{Escape(models[b].Model)} {Escape(metrics[g])} {value:0.0000}</title></rect>\n"));
                svg.Append(Invariant($"<text x=\"{x + BarWidth / 2 - 1}\" y=\"{y - 3:0.0}\" font-size=\"8\" text-anchor=\"middle\">{value:0.000}</text>\n"));
            }

            svg.Append(Invariant($"<text x=\"{x0 + models.Count * BarWidth / 2}\" y=\"{Top + PlotHeight + 16}\" text-anchor=\"middle\">{Escape(metrics[g])}</text>\n"));
        }

        var legendX = Left + metrics.Count * groupWidth + 10;
        for (var b = 0; b < models.Count; b++)
        {
            var y = Top + b * 16;
            svg.Append(Invariant($"<rect x=\"{legendX}\" y=\"{y}\" width=\"10\" height=\"10\" fill=\"{Colours[b % Colours.Length]}\"/>"));
            svg.Append(Invariant($"<text x=\"{legendX + 14}\" y=\"{y + 9}\">{Escape(models[b].Model)}</text>\n"));
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>Writes the chart next to a JSON report: the same path with .svg instead of its extension.</summary>
    public static string WriteBeside(string jsonPath, EvaluationReport report)
    {
        var path = Path.ChangeExtension(jsonPath, ".svg");
        File.WriteAllText(path, Render(report));
        return path;
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
