using System.Globalization;
using System.Text;
using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Simulation;

/// <summary>
/// Writes a simulated market as CSV files (header, comma, invariant culture, "\n" line ends, UTF-8 without BOM),
/// so the same market is the same bytes on every machine.
/// </summary>
public static class SimulationCsvWriter
{
    public const string LeadsFile = "leads.csv";
    public const string UsersFile = "users.csv";
    public const string EventsFile = "events.csv";
    public const string MarketFile = "market.csv";
    public const string StatusFile = "status.csv";

    public static readonly IReadOnlyList<string> FileNames = [LeadsFile, UsersFile, EventsFile, MarketFile, StatusFile];

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(SimulatedMarket market, string directory)
    {
        Directory.CreateDirectory(directory);
        WriteFile(Path.Combine(directory, LeadsFile), "id,lat,lon,price,kind,bedrooms,areaSqm,listedAt,status", market.Leads, (w, l) =>
            w.Write($"{l.Id},{Num(l.Lat)},{Num(l.Lon)},{Num(l.Price)},{Name(l.Kind)},{Num(l.Bedrooms)},{Num(l.AreaSqm)},{Time(l.ListedAt)},{Name(l.Status)}"));
        WriteFile(
            Path.Combine(directory, UsersFile),
            "id,centerLat,centerLon,radiusKm,minPrice,maxPrice,kinds,minBedrooms,initialCenterLat,initialCenterLon,initialMinPrice,initialMaxPrice,activity,exploration",
            market.Users,
            (w, u) =>
            {
                var p = u.HiddenPreference;
                var i = u.InitialPreference;
                w.Write($"{u.Id},{Num(p.CenterLat)},{Num(p.CenterLon)},{Num(p.RadiusKm)},{Num(p.MinPrice)},{Num(p.MaxPrice)},");
                w.Write(string.Join('|', p.Kinds.Select(Name)));
                w.Write($",{Num(p.MinBedrooms)},{Num(i.CenterLat)},{Num(i.CenterLon)},{Num(i.MinPrice)},{Num(i.MaxPrice)},{Num(u.Activity)},{Num(u.Exploration)}");
            });
        WriteFile(Path.Combine(directory, EventsFile), "userId,leadId,kind,timestamp", market.Interactions, (w, e) =>
            w.Write($"{e.UserId},{e.LeadId},{Name(e.Kind)},{Time(e.At)}"));
        WriteFile(Path.Combine(directory, MarketFile), "cellId,date,medianPrice,pricePerSqm,inventory,daysOnMarket", market.MarketPoints, (w, m) =>
            w.Write($"{m.CellId},{m.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)},{Num(m.MedianPrice)},{Num(m.PricePerSqm)},{Num(m.Inventory)},{Num(m.DaysOnMarket)}"));
        WriteFile(Path.Combine(directory, StatusFile), "leadId,status,timestamp", market.StatusChanges, (w, s) =>
            w.Write($"{s.LeadId},{Name(s.Status)},{Time(s.At)}"));
    }

    /// <summary>Lower-case names, as the HTTP contract spells kinds and statuses.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>ISO-8601 in UTC to the second, e.g. 2026-01-05T07:12:33Z.</summary>
    public static string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Num(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Num(double? value) => value is { } v ? Num(v) : "";

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Num(int? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "";

    private static void WriteFile<T>(string path, string header, IEnumerable<T> rows, Action<StreamWriter, T> writeRow)
    {
        using var writer = new StreamWriter(path, append: false, Utf8NoBom, bufferSize: 1 << 16) { NewLine = "\n" };
        writer.WriteLine(header);
        foreach (var row in rows)
        {
            writeRow(writer, row);
            writer.WriteLine();
        }
    }
}
