using LeadRecs.Ranking.Evaluation.Reporting;
using LeadRecs.Tools;
using LeadRecs.UnitTests.Simulation;

namespace LeadRecs.UnitTests.Evaluation;

public sealed class EvalCommandTests
{
    [Fact]
    public async Task Loo_PrintsEveryModel_AndWritesJson()
    {
        using var directory = new TempDirectory();
        var ratings = directory.Combine("ratings.csv");
        var locations = directory.Combine("locations.txt");
        var json = directory.Combine("out", "report.json");
        PlantedData.Write(ratings, locations);
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await CommandLine.RunAsync(
            ["eval", "--input", ratings, "--locations", locations, "--negatives", "20", "--seed", "3", "--threads", "2",
             "--models", "deep,deep-nogeo,popularity,bpr", "--deep-epochs", "2", "--no-tune", "--json", json],
            output,
            error);

        Assert.True(exit == 0, error.ToString());
        var text = output.ToString();
        Assert.Contains("| model", text);
        Assert.Contains("HR@10", text);
        Assert.Contains("| popularity (baseline)", text);
        Assert.Contains("| deep-nogeo", text);
        var report = ReportJson.Deserialize(File.ReadAllText(json))!;
        Assert.Equal("loo", report.Protocol);
        // The chart beside the JSON has a bar per model and metric.
        var svg = File.ReadAllText(Path.ChangeExtension(json, ".svg"));
        Assert.StartsWith("<svg", svg);
        Assert.Equal(4 * 2, svg.Split("<rect x=").Length - 1 - 4);
        Assert.Equal(["deep", "deep-nogeo", "popularity", "bpr"], report.Results.Select(r => r.Model));
        Assert.All(report.Results, r => Assert.InRange(r.Metrics["NDCG@10"], 0.0, 1.0));
        Assert.Contains("geo.logCentroidKm", report.Results[0].Settings);
        Assert.DoesNotContain("geo.", report.Results[1].Settings);
    }

    [Fact]
    public async Task Split_WithTuning_RunsEndToEnd()
    {
        using var directory = new TempDirectory();
        var table = PlantedData.Table();
        var train = directory.Combine("train.txt");
        var test = directory.Combine("test.txt");
        var ratings = directory.Combine("unused.csv");
        var locations = directory.Combine("locations.txt");
        PlantedData.Write(ratings, locations);
        var rows = Enumerable.Range(0, table.Count).Select(r => (Line: $"u{table.Users[r]} i{table.Items[r]} 1.0", r)).ToList();
        File.WriteAllLines(train, rows.Where(x => x.r % 4 != 0).Select(x => x.Line));
        File.WriteAllLines(test, rows.Where(x => x.r % 4 == 0).Select(x => x.Line));
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await CommandLine.RunAsync(
            ["eval", "--protocol", "split", "--input", train, "--test", test, "--locations", locations, "--seed", "1",
             "--threads", "2", "--models", "popularity,bpr,deep"],
            output,
            error);

        Assert.True(exit == 0, error.ToString());
        var text = output.ToString();
        Assert.Contains("Recall@10", text);
        Assert.Contains("Precision@10", text);
        Assert.Contains("tuned on split (validation)", text);
    }

    [Fact]
    public async Task Simulated_ranks_a_small_market_with_every_model()
    {
        using var directory = new TempDirectory();
        var output = new StringWriter();
        var json = directory.Combine("simulated.json");

        var exit = await CommandLine.RunAsync(
            ["eval", "--protocol", "simulated", "--users", "40", "--leads", "300", "--days", "10", "--json", json], output, new StringWriter());

        Assert.True(exit == 0, output.ToString());
        var text = output.ToString();
        Assert.Contains("relevant@10", text);
        Assert.Contains("baseline", text);
        Assert.Contains("popularity", text);
        var rows = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement;
        Assert.True(rows.GetArrayLength() >= 3);
        Assert.All(rows.EnumerateArray(), r => Assert.InRange(r.GetProperty("RelevantAtK").GetDouble(), 0, 1));
    }

    [Fact]
    public async Task Simulated_with_bots_prints_a_row_per_scenario_and_writes_json()
    {
        using var directory = new TempDirectory();
        var output = new StringWriter();
        var json = directory.Combine("bots.json");

        var exit = await CommandLine.RunAsync(
            ["eval", "--protocol", "simulated", "--users", "30", "--leads", "300", "--days", "4", "--bots", "7", "--filter", "on", "--json", json],
            output,
            new StringWriter());

        Assert.True(exit == 0, output.ToString());
        var text = output.ToString();
        Assert.Contains("fraud filter: recall", text);
        Assert.Contains("| no bots |", text);
        Assert.Contains("| bots filtered at ingestion |", text);
        Assert.Contains("| bots filtered in the log |", text);
        Assert.DoesNotContain("| bots unfiltered |", text);
        Assert.Contains("bot-promoted leads", text);
        var report = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement;
        var rows = report.GetProperty("rows");
        Assert.Equal(3 * 4, rows.GetArrayLength());
        Assert.Contains(rows.EnumerateArray(), r => r.GetProperty("scenario").GetString() == "FilteredInLog" && r.GetProperty("model").GetString() == "deep");
    }

    [Theory]
    [InlineData("--filter", "sometimes")]
    [InlineData("--bots", "x")]
    public async Task Simulated_with_bots_refuses_bad_options(string option, string value)
    {
        var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["eval", "--protocol", "simulated", "--bots", "1", option, value], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.Contains(option, error.ToString());
    }

    [Fact]
    public async Task Simulated_filter_needs_bots()
    {
        var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["eval", "--protocol", "simulated", "--filter", "on"], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.Contains("--bots", error.ToString());
    }

    [Fact]
    public async Task Split_NeedsATestFile()
    {
        using var directory = new TempDirectory();
        var ratings = directory.Combine("ratings.csv");
        PlantedData.Write(ratings, directory.Combine("locations.txt"));
        var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["eval", "--protocol", "split", "--input", ratings], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.Contains("--test", error.ToString());
    }
}
