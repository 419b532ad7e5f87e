using System.Globalization;
using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Data;

/// <summary>
/// Reads <c>kc-house/kc_house_data.csv</c> (King County sales, May 2014 - May 2015) into leads.
/// Lead ids are <c>lead-{n}</c> with n the 1-based data row, so an id names the same sale in every run.
/// </summary>
public static class KcHouseReader
{
    public const string RelativePath = "kc-house/kc_house_data.csv";

    public const double SquareMetresPerSquareFoot = 0.09290304;

    private static readonly string[] RequiredColumns =
    [
        "id", "date", "price", "bedrooms", "bathrooms", "sqft_living", "sqft_lot", "floors", "lat", "long", "sqft_lot15",
    ];

    /// <returns>The file under the shared data folder, or null when the folder or the file is absent.</returns>
    public static string? Locate() => SharedDataLocator.FindFile(RelativePath);

    public static IReadOnlyList<Lead> Read(string path) => ReadSales(path).Select(s => s.Lead).ToList();

    public static IReadOnlyList<KcHouseSale> ReadSales(string path)
    {
        using var reader = new StreamReader(path);
        return ReadSales(reader);
    }

    public static IReadOnlyList<KcHouseSale> ReadSales(TextReader reader)
    {
        var header = reader.ReadLine() ?? throw new FormatException("kc-house: the file is empty.");
        var columns = CsvFields.Split(header).Select(c => c.Trim()).ToList();
        var index = RequiredColumns.ToDictionary(c => c, c => columns.IndexOf(c), StringComparer.Ordinal);
        var missing = index.Where(p => p.Value < 0).Select(p => p.Key).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"kc-house: the header lacks {string.Join(", ", missing)}.");
        }

        var sales = new List<KcHouseSale>(capacity: 22_000);
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            var fields = CsvFields.Split(line);
            try
            {
                sales.Add(ParseRow(fields, index, sales.Count + 1));
            }
            catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException)
            {
                throw new FormatException($"kc-house line {lineNumber}: {ex.Message}", ex);
            }
        }
        return sales;
    }

    private static KcHouseSale ParseRow(List<string> fields, Dictionary<string, int> index, int rowNumber)
    {
        string Field(string name)
        {
            var i = index[name];
            return i < fields.Count ? fields[i].Trim() : throw new FormatException($"missing column '{name}'.");
        }
        double Number(string name) =>
            double.TryParse(Field(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? value
                : throw new FormatException($"'{name}' is not a number: '{Field(name)}'.");

        var parcelId = Field("id");
        var soldAt = ParseDate(Field("date"));
        var bedrooms = (int)Number("bedrooms");
        var sqftLiving = Number("sqft_living");
        var sqftLot = Number("sqft_lot");
        var kind = KcHouseKinds.Classify(
            parcelId, bedrooms, Number("bathrooms"), sqftLiving, sqftLot, Number("floors"), Number("sqft_lot15"));

        // Land is sold by the plot and commercial space has no bedrooms: report what a listing would.
        var area = kind == LeadKind.Land ? sqftLot : sqftLiving;
        int? rooms = kind is LeadKind.Land or LeadKind.Commercial ? null : bedrooms;

        var lead = new Lead(
            Id: $"lead-{rowNumber.ToString(CultureInfo.InvariantCulture)}",
            Lat: Number("lat"),
            Lon: Number("long"),
            Price: Number("price"),
            Kind: kind,
            Bedrooms: rooms,
            AreaSqm: Math.Round(area * SquareMetresPerSquareFoot, 2),
            ListedAt: soldAt.AddDays(-DaysOnMarket(parcelId, soldAt)),
            Status: LeadStatus.Active);
        return new KcHouseSale(lead, soldAt);
    }

    /// <summary>
    /// The file has sale dates only. A listing typically sells within a month or two with a long tail, so the
    /// days on market are drawn from 7 + an exponential with mean 35 days (capped at 240), keyed by the parcel and
    /// sale so the same row always gets the same value (a parcel can sell twice in the file).
    /// </summary>
    private static int DaysOnMarket(string parcelId, DateTimeOffset soldAt)
    {
        var u = StableHash.Unit(string.Create(CultureInfo.InvariantCulture, $"dom:{parcelId}:{soldAt:yyyyMMdd}"));
        return Math.Min(240, 7 + (int)Math.Round(-Math.Log(u) * 35));
    }

    private static DateTimeOffset ParseDate(string text)
    {
        // "20141013T000000"; tolerate a bare "20141013" as well.
        var day = text.Length >= 8 ? text[..8] : text;
        return DateTime.TryParseExact(day, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateTimeOffset(date, TimeSpan.Zero)
            : throw new FormatException($"'date' is not like 20141013T000000: '{text}'.");
    }
}
