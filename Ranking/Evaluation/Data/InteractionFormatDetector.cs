using System.Globalization;

namespace LeadRecs.Ranking.Evaluation.Data;

/// <summary>
/// Guesses an interaction file's layout from its first lines. Rules, in order: a tab anywhere means tab-separated,
/// else a comma means comma-separated, else whitespace. The first line is a header when it names a known column
/// (userId, movieId, rating, timestamp, ...) or when a column is numeric on every later line but not on the first.
/// Named columns are used where a header names them; otherwise columns are positional: user, item, then rating,
/// then timestamp. A third column of whole numbers of at least 10^8 (epoch seconds) or of dates is a timestamp.
/// </summary>
public static class InteractionFormatDetector
{
    private const int SampleLines = 50;

    // 1973-03-03 in epoch seconds: no rating or count scale reaches it, every real timestamp does.
    private const double MinEpochSeconds = 1e8;

    public static InteractionFormat Detect(string path)
    {
        var lines = DelimitedLine.Sample(path, SampleLines);
        if (lines.Count == 0)
        {
            throw new InvalidDataException($"{path}: no data lines.");
        }

        return Detect(lines, path);
    }

    public static InteractionFormat Detect(IReadOnlyList<string> lines, string source = "input")
    {
        var separator = DelimitedLine.Detect(lines);
        var rows = lines.Select(l => DelimitedLine.Split(l, separator)).ToList();
        var hasHeader = LooksLikeHeader(rows);
        var data = hasHeader ? rows.Skip(1).ToList() : rows;
        if (data.Count == 0)
        {
            throw new InvalidDataException($"{source}: only a header, no data lines.");
        }

        var width = data[0].Count;
        if (width < 2)
        {
            throw new InvalidDataException($"{source}: need at least user and item columns; the first data line has {width} field(s).");
        }

        if (hasHeader && HeaderNames.Find(rows[0], HeaderNames.User) is var user and >= 0
            && HeaderNames.Find(rows[0], HeaderNames.Item) is var item and >= 0)
        {
            return new InteractionFormat(
                separator, true, user, item, HeaderNames.Find(rows[0], HeaderNames.Rating), HeaderNames.Find(rows[0], HeaderNames.Timestamp));
        }

        return width switch
        {
            2 => new InteractionFormat(separator, hasHeader, 0, 1, -1, -1),
            3 when LooksLikeTimestamps(data, 2) => new InteractionFormat(separator, hasHeader, 0, 1, -1, 2),
            3 => new InteractionFormat(separator, hasHeader, 0, 1, 2, -1),
            _ => new InteractionFormat(separator, hasHeader, 0, 1, 2, 3),
        };
    }

    internal static bool LooksLikeHeader(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var first = rows[0];
        if (first.Any(HeaderNames.IsKnown))
        {
            return true;
        }

        if (rows.Count < 2)
        {
            return false;
        }

        for (var c = 0; c < first.Count; c++)
        {
            var column = c;
            if (!DelimitedLine.IsNumber(first[c]) && rows.Skip(1).All(r => column < r.Count && DelimitedLine.IsNumber(r[column])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool LooksLikeTimestamps(IReadOnlyList<IReadOnlyList<string>> data, int column) =>
        data.All(r => column < r.Count && (
            (DelimitedLine.TryNumber(r[column], out var v) && v >= MinEpochSeconds && v == Math.Floor(v))
            || (!DelimitedLine.IsNumber(r[column]) && TimestampParser.TryParse(r[column], out _))));
}
