using System.Text.Json;
using LeadRecs.Tools;
using LeadRecs.UnitTests.Simulation;

namespace LeadRecs.UnitTests.Fraud;

public sealed class FraudEvalCommandTests
{
    [Fact]
    public async Task Prints_recall_false_positives_and_relevance_and_writes_json()
    {
        using var directory = new TempDirectory();
        var json = directory.Combine("fraud.json");
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await CommandLine.RunAsync(
            ["fraud-eval", "--users", "60", "--leads", "400", "--days", "4", "--synthetic", "--farms", "1", "--json", json], output, error);

        Assert.True(exit == 0, error.ToString());
        var text = output.ToString();
        Assert.Contains("recall (bot events flagged)", text);
        Assert.Contains("false-positive rate (people's)", text);
        Assert.Contains("what the filter kept in the log", text);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.InRange(doc.RootElement.GetProperty("inLog").GetProperty("recall").GetDouble(), 0.9, 1.0);
        Assert.True(doc.RootElement.GetProperty("baseline").GetProperty("withBots").GetProperty("relevantAtK").GetDouble() >= 0);
    }

    [Fact]
    public async Task Names_an_option_out_of_range()
    {
        var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["fraud-eval", "--farm-size", "0"], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.Contains("FarmSize", error.ToString());
    }
}
