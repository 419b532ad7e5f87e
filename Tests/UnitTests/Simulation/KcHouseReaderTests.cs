using LeadRecs.Ranking.Data;
using LeadRecs.Ranking.Domain;
using Xunit;

namespace LeadRecs.UnitTests.Simulation;

public sealed class KcHouseReaderTests
{
    private const string Header =
        "id,date,price,bedrooms,bathrooms,sqft_living,sqft_lot,floors,waterfront,view,condition,grade,sqft_above,sqft_basement,yr_built,yr_renovated,zipcode,lat,long,sqft_living15,sqft_lot15";

    // Shaped like the real file: quoted ids, dates, floors and zip codes; one row for each kind rule.
    private static readonly string Sample = string.Join('\n',
        Header,
        "\"7129300520\",\"20141013T000000\",221900,3,1,1180,5650,\"1\",0,0,3,7,1180,0,1955,0,\"98178\",47.5112,-122.257,1340,5650",
        "\"1000000001\",\"20150105T000000\",310000,1,1,900,120000,\"1\",0,0,3,6,900,0,1960,0,\"98022\",47.2,-121.9,1500,100000",
        "\"1000000002\",\"20140601T000000\",450000,3,2.5,1500,1200,\"3\",0,0,3,8,1500,0,2008,0,\"98103\",47.66,-122.34,1400,1300",
        "\"1000000003\",\"20140701T000000\",380000,2,1,850,1800,\"1\",0,0,3,7,850,0,1990,0,\"98109\",47.63,-122.35,900,2000",
        "\"1000000004\",\"20140801T000000\",990000,7,4,4200,9000,\"2\",0,0,3,9,4200,0,1999,0,\"98006\",47.56,-122.15,3000,9000",
        "") + "\n";

    [Fact]
    public void ReadsQuotedRowsIntoLeads()
    {
        var sales = KcHouseReader.ReadSales(new StringReader(Sample));

        Assert.Equal(5, sales.Count);
        var first = sales[0].Lead;
        Assert.Equal("lead-1", first.Id);
        Assert.Equal(47.5112, first.Lat);
        Assert.Equal(-122.257, first.Lon);
        Assert.Equal(221_900, first.Price);
        Assert.Equal(3, first.Bedrooms);
        Assert.Equal(Math.Round(1180 * 0.09290304, 2), first.AreaSqm);
        Assert.Equal(LeadKind.House, first.Kind);
        Assert.Equal(LeadStatus.Active, first.Status);
        Assert.Equal(new DateTimeOffset(2014, 10, 13, 0, 0, 0, TimeSpan.Zero), sales[0].SoldAt);
        Assert.InRange(sales[0].DaysOnMarket, 7, 240);
        Assert.Equal(["lead-1", "lead-2", "lead-3", "lead-4", "lead-5"], sales.Select(s => s.Lead.Id));
    }

    [Fact]
    public void DerivesKindsFromThePropertyShape()
    {
        var leads = KcHouseReader.ReadSales(new StringReader(Sample)).Select(s => s.Lead).ToList();

        Assert.Equal([LeadKind.House, LeadKind.Land, LeadKind.Townhouse, LeadKind.Condo, LeadKind.Multifamily], leads.Select(l => l.Kind));
        // Land is listed by its plot and has no bedrooms.
        Assert.Null(leads[1].Bedrooms);
        Assert.Equal(Math.Round(120_000 * 0.09290304, 2), leads[1].AreaSqm);
    }

    [Fact]
    public void ListingDatesAreStableAndBeforeTheSale()
    {
        var once = KcHouseReader.ReadSales(new StringReader(Sample));
        var again = KcHouseReader.ReadSales(new StringReader(Sample));

        Assert.Equal(once.Select(s => s.Lead.ListedAt), again.Select(s => s.Lead.ListedAt));
        Assert.All(once, s => Assert.True(s.Lead.ListedAt < s.SoldAt));
    }

    [Fact]
    public void RejectsAFileWithoutTheNeededColumns()
    {
        var ex = Assert.Throws<FormatException>(() => KcHouseReader.ReadSales(new StringReader("id,date,price\n1,20140101T000000,5\n")));

        Assert.Contains("lat", ex.Message);
    }

    [Fact]
    public void NamesTheLineOfABadValue()
    {
        var broken = Header + "\n\"1\",\"not-a-date\",1,1,1,1,1,\"1\",0,0,3,7,1,0,1955,0,\"98178\",47.5,-122.2,1,1\n";

        var ex = Assert.Throws<FormatException>(() => KcHouseReader.ReadSales(new StringReader(broken)));

        Assert.Contains("line 2", ex.Message);
    }

    [SharedDataFact(KcHouseReader.RelativePath)]
    public void ReadsTheWholeSharedFile()
    {
        var leads = KcHouseReader.Read(KcHouseReader.Locate()!);

        Assert.Equal(21_608, leads.Count);
        Assert.Equal(leads.Count, leads.Select(l => l.Id).Distinct(StringComparer.Ordinal).Count());
        // King County.
        Assert.All(leads, l =>
        {
            Assert.InRange(l.Lat, 47.1, 47.8);
            Assert.InRange(l.Lon, -122.6, -121.3);
            Assert.True(l.Price > 0);
        });
        var kinds = leads.GroupBy(l => l.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enum.GetValues<LeadKind>().Length, kinds.Count);
        Assert.True(kinds[LeadKind.House] > leads.Count / 2);
    }
}
