using LeadRecs.Ranking.Simulation;
using LeadRecs.Tools;
using Xunit;

namespace LeadRecs.UnitTests.Simulation;

public sealed class SimulateCommandTests
{
    [Fact]
    public async Task WritesTheFilesAndPrintsTheFunnel()
    {
        using var directory = new TempDirectory();
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await CommandLine.RunAsync(
            ["simulate", "--seed", "3", "--users", "40", "--leads", "300", "--days", "5", "--synthetic", "--out", directory.Path], output, error);

        Assert.True(exit == 0, error.ToString());
        Assert.All(SimulationCsvWriter.FileNames, f => Assert.True(File.Exists(directory.Combine(f)), f));
        Assert.Equal("userId,leadId,kind,timestamp", File.ReadLines(directory.Combine(SimulationCsvWriter.EventsFile)).First());
        Assert.StartsWith("id,lat,lon,price,kind,bedrooms,areaSqm,listedAt,status", File.ReadLines(directory.Combine(SimulationCsvWriter.LeadsFile)).First());
        var summary = output.ToString();
        Assert.Contains("source: synthetic; 300 leads, 40 users", summary);
        Assert.Contains("click/view", summary);
        Assert.Contains("relevant share: views", summary);
    }

    [Fact]
    public async Task RejectsABadOption()
    {
        var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["simulate", "--users", "many", "--out", "x"], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.Contains("--users", error.ToString());
    }

    [Fact]
    public async Task RequiresAnOutputDirectory()
    {
        var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["simulate", "--seed", "1"], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.Contains("--out", error.ToString());
    }
}
