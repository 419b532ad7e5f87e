using LeadRecs.Ranking.Simulation;
using LeadRecs.Ranking.Training;
using LeadRecs.UnitTests.Simulation;

namespace LeadRecs.UnitTests.Training;

public sealed class MarketHistoryCsvReaderTests
{
    [Fact]
    public void Reads_back_what_simulate_writes_except_the_hidden_preferences()
    {
        using var directory = new TempDirectory();
        var market = TinyMarket.Market;
        SimulationCsvWriter.Write(market, directory.Path);

        var history = MarketHistoryCsvReader.Read(directory.Path);

        Assert.Equal(market.Leads, history.Leads);
        Assert.Equal(market.Interactions.Select(i => (i.UserId, i.LeadId, i.Kind, i.At)), history.Interactions.Select(i => (i.UserId, i.LeadId, i.Kind, i.At)));
        Assert.Equal(market.MarketPoints, history.MarketPoints);
        Assert.Equal(market.StatusChanges, history.StatusChanges);
        Assert.StartsWith("csv:", history.Source);
    }

    [Fact]
    public void Names_the_file_and_line_of_a_bad_row()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.Combine("leads.csv"), "id,lat,lon,price,kind,bedrooms,areaSqm,listedAt,status\nx,47.6,-122.3,1,castle,,,2026-01-01T00:00:00Z,active\n");
        File.WriteAllText(directory.Combine("events.csv"), "userId,leadId,kind,timestamp\n");

        var error = Assert.Throws<InvalidDataException>(() => MarketHistoryCsvReader.Read(directory.Path));

        Assert.Contains("leads.csv line 2", error.Message);
        Assert.Throws<FileNotFoundException>(() => MarketHistoryCsvReader.Read(directory.Combine("missing")));
    }
}
