namespace LeadRecs.Ranking.Evaluation.Data;

/// <summary>
/// Reads an item-location file (item, lat, lon; comma, tab or space separated; header optional, named columns
/// honoured). Items the interaction files never mention are skipped: they can be neither trained on nor judged.
/// </summary>
public static class ItemLocationReader
{
    public static ItemLocations Read(string path, IdMap items)
    {
        var sample = DelimitedLine.Sample(path, 50);
        if (sample.Count == 0)
        {
            throw new InvalidDataException($"{path}: no data lines.");
        }

        var separator = DelimitedLine.Detect(sample);
        var rows = sample.Select(l => DelimitedLine.Split(l, separator)).ToList();
        var hasHeader = InteractionFormatDetector.LooksLikeHeader(rows);
        var (itemColumn, latColumn, lonColumn) = (0, 1, 2);
        if (hasHeader && HeaderNames.Find(rows[0], HeaderNames.Latitude) is var lat and >= 0
            && HeaderNames.Find(rows[0], HeaderNames.Longitude) is var lon and >= 0)
        {
            latColumn = lat;
            lonColumn = lon;
            itemColumn = Enumerable.Range(0, rows[0].Count).First(c => c != lat && c != lon);
        }

        var latitudes = Enumerable.Repeat(double.NaN, items.Count).ToArray();
        var longitudes = Enumerable.Repeat(double.NaN, items.Count).ToArray();
        var lineNumber = 0;
        var headerPending = hasHeader;
        var needed = Math.Max(itemColumn, Math.Max(latColumn, lonColumn)) + 1;
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

            var fields = DelimitedLine.Split(line, separator);
            if (fields.Count < needed
                || !DelimitedLine.TryNumber(fields[latColumn], out var latitude) || latitude is < -90 or > 90
                || !DelimitedLine.TryNumber(fields[lonColumn], out var longitude) || longitude is < -180 or > 180)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: expected item, latitude in [-90, 90], longitude in [-180, 180].");
            }

            if (items.TryGet(fields[itemColumn], out var item))
            {
                latitudes[item] = latitude;
                longitudes[item] = longitude;
            }
        }

        return new ItemLocations(latitudes, longitudes);
    }
}
