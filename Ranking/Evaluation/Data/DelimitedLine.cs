using System.Globalization;
using LeadRecs.Ranking.Data;

namespace LeadRecs.Ranking.Evaluation.Data;

/// <summary>Field splitting and number parsing shared by the interaction and location readers.</summary>
public static class DelimitedLine
{
    private static readonly char[] Blanks = [' ', '\t'];

    public static IReadOnlyList<string> Split(string line, ColumnSeparator separator) => separator switch
    {
        // Only commas can be quoted in the files we meet (MovieLens titles); ids never hold tabs or spaces.
        ColumnSeparator.Comma => CsvFields.Split(line).Select(f => f.Trim()).ToList(),
        ColumnSeparator.Tab => line.TrimEnd('\r').Split('\t').Select(f => f.Trim()).ToList(),
        _ => line.Split(Blanks, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
    };

    /// <summary>Picks the separator from sample lines: a tab anywhere wins, then a comma, else whitespace.</summary>
    public static ColumnSeparator Detect(IReadOnlyList<string> lines)
    {
        if (lines.Any(l => l.Contains('\t', StringComparison.Ordinal)))
        {
            return ColumnSeparator.Tab;
        }

        return lines.Any(l => l.Contains(',', StringComparison.Ordinal)) ? ColumnSeparator.Comma : ColumnSeparator.Whitespace;
    }

    public static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static bool IsNumber(string text) => TryNumber(text, out _);

    /// <summary>The first non-blank, non-comment lines of a file, for format detection.</summary>
    public static List<string> Sample(string path, int count)
    {
        var lines = new List<string>(count);
        foreach (var line in File.ReadLines(path))
        {
            if (!IsSkippable(line))
            {
                lines.Add(line);
                if (lines.Count == count)
                {
                    break;
                }
            }
        }

        return lines;
    }

    /// <summary>Blank lines and '#' comments carry no data in any format we read.</summary>
    public static bool IsSkippable(string line) => string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#');
}
