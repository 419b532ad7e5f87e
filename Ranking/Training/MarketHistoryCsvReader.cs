using System.Globalization;
using LeadRecs.Ranking.Data;
using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Simulation;

namespace LeadRecs.Ranking.Training;

/// <summary>
/// Reads a <see cref="MarketHistory"/> from the files <c>leadrecs simulate</c> writes (<see cref="SimulationCsvWriter"/>):
/// leads.csv and events.csv are required, market.csv and status.csv are used when present. users.csv (the hidden
/// preferences) is deliberately not read: a model must never see it.
/// </summary>
public static class MarketHistoryCsvReader
{
    public static MarketHistory Read(string directory)
    {
        var leads = ReadRows(Path.Combine(directory, SimulationCsvWriter.LeadsFile), required: true, r => new Lead(
            r.Text("id"), r.Double("lat"), r.Double("lon"), r.Double("price"), r.Enum<LeadKind>("kind"),
            r.OptionalInt("bedrooms"), r.OptionalDouble("areaSqm"), r.Time("listedAt"), r.Enum<LeadStatus>("status")));
        var events = ReadRows(Path.Combine(directory, SimulationCsvWriter.EventsFile), required: true, r => new Interaction(
            r.Text("userId"), r.Text("leadId"), r.Enum<InteractionKind>("kind"), r.Time("timestamp")));
        var market = ReadRows(Path.Combine(directory, SimulationCsvWriter.MarketFile), required: false, r => new MarketPoint(
            r.Text("cellId"), DateOnly.ParseExact(r.Text("date"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            r.OptionalDouble("medianPrice"), r.OptionalDouble("pricePerSqm"), r.OptionalInt("inventory"), r.OptionalDouble("daysOnMarket")));
        var status = ReadRows(Path.Combine(directory, SimulationCsvWriter.StatusFile), required: false, r => new LeadStatusChange(
            r.Text("leadId"), r.Enum<LeadStatus>("status"), r.Time("timestamp")));
        // A stable sort: the file's order breaks ties between events with the same timestamp.
        var ordered = events.Select((e, i) => (e, i)).OrderBy(x => x.e.At).ThenBy(x => x.i).Select(x => x.e).ToList();
        return new MarketHistory(leads, ordered, market, status, "csv:" + Path.GetFullPath(directory));
    }

    private static List<T> ReadRows<T>(string path, bool required, Func<CsvRow, T> parse)
    {
        if (!File.Exists(path))
        {
            return required ? throw new FileNotFoundException($"{Path.GetFileName(path)} is missing.", path) : [];
        }
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"{path} is empty.");
        var columns = CsvFields.Split(header).Select((name, i) => (name, i)).ToDictionary(x => x.name.Trim(), x => x.i, StringComparer.Ordinal);
        var rows = new List<T>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            try
            {
                rows.Add(parse(new CsvRow(columns, CsvFields.Split(line))));
            }
            catch (Exception ex) when (ex is FormatException or KeyNotFoundException or ArgumentException)
            {
                throw new InvalidDataException($"{Path.GetFileName(path)} line {lineNumber}: {ex.Message}", ex);
            }
        }
        return rows;
    }

    private sealed class CsvRow(Dictionary<string, int> columns, List<string> fields)
    {
        public string Text(string name) =>
            columns.TryGetValue(name, out var i) && i < fields.Count ? fields[i] : throw new KeyNotFoundException($"no '{name}' column");

        public double Double(string name) => double.Parse(Text(name), NumberStyles.Float, CultureInfo.InvariantCulture);

        public double? OptionalDouble(string name) => Text(name) is { Length: > 0 } text ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) : null;

        public int? OptionalInt(string name) => Text(name) is { Length: > 0 } text ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;

        public DateTimeOffset Time(string name) =>
            DateTimeOffset.Parse(Text(name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        public TEnum Enum<TEnum>(string name)
            where TEnum : struct, Enum =>
            System.Enum.TryParse<TEnum>(Text(name), ignoreCase: true, out var value) && System.Enum.IsDefined(value)
                ? value
                : throw new FormatException($"'{Text(name)}' is not a {typeof(TEnum).Name}");
    }
}
