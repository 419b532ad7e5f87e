namespace LeadRecs.Ranking.Evaluation.Data;

/// <summary>
/// Reads an interaction file of any layout <see cref="InteractionFormatDetector"/> recognises. Users and items
/// are indexed through the given maps, so a test file read after its train file shares the train's indexes.
/// </summary>
public static class InteractionReader
{
    public static InteractionTable Read(string path, IdMap users, IdMap items, InteractionFormat? format = null)
    {
        format ??= InteractionFormatDetector.Detect(path);
        var userList = new List<int>();
        var itemList = new List<int>();
        var ratings = new List<float>();
        var timestamps = new List<long>();
        var lineNumber = 0;
        var headerPending = format.HasHeader;
        var needed = Math.Max(Math.Max(format.UserColumn, format.ItemColumn), Math.Max(format.RatingColumn, format.TimestampColumn)) + 1;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (DelimitedLine.IsSkippable(line))
            {
                continue;
            }

            if (headerPending)
            {
                headerPending = false;
                continue;
            }

            var fields = DelimitedLine.Split(line, format.Separator);
            if (fields.Count < needed)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: expected at least {needed} fields, found {fields.Count}.");
            }

            userList.Add(users.GetOrAdd(fields[format.UserColumn]));
            itemList.Add(items.GetOrAdd(fields[format.ItemColumn]));
            ratings.Add(format.HasRating ? ParseRating(fields[format.RatingColumn], path, lineNumber) : 1f);
            timestamps.Add(format.HasTimestamp ? ParseTimestamp(fields[format.TimestampColumn], path, lineNumber) : 0L);
        }

        return new InteractionTable([.. userList], [.. itemList], [.. ratings], [.. timestamps], format.HasRating, format.HasTimestamp);
    }

    private static float ParseRating(string text, string path, int line) =>
        DelimitedLine.TryNumber(text, out var value)
            ? (float)value
            : throw new InvalidDataException($"{path}:{line}: rating '{text}' is not a number.");

    private static long ParseTimestamp(string text, string path, int line) =>
        TimestampParser.TryParse(text, out var value)
            ? value
            : throw new InvalidDataException($"{path}:{line}: timestamp '{text}' is neither a number nor a date.");
}
