using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Simulation;
using LeadRecs.Tools;
using LeadRecs.UnitTests.Simulation;

namespace LeadRecs.UnitTests.Training;

public sealed class TrainCommandTests
{
    [Fact]
    public async Task Trains_on_a_simulated_market_writes_the_model_and_evaluates_it()
    {
        using var directory = new TempDirectory();
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await CommandLine.RunAsync(
            ["train", "--seed", "3", "--users", "40", "--leads", "300", "--days", "6", "--synthetic", "--epochs", "2", "--hidden", "16",
             "--version", "9", "--out", directory.Path, "--evaluate"],
            output, error);

        Assert.True(exit == 0, error.ToString() + output);
        var artifact = await ModelArtifact.LoadAsync(directory.Path);
        Assert.Equal("9", artifact.Manifest.ModelVersion);
        Assert.Equal("v3", artifact.Manifest.SchemaVersion);
        var text = output.ToString();
        Assert.Contains("train epoch 1/2", text);
        Assert.Contains("validation: AUC", text);
        Assert.Contains("samples/s", text);
        Assert.Matches(@"deep\s+\d\.\d{3}", text);
        Assert.Matches(@"baseline\s+\d\.\d{3}", text);
    }

    [Fact]
    public async Task Trains_on_simulate_output_with_an_older_schema()
    {
        using var data = new TempDirectory();
        using var model = new TempDirectory();
        SimulationCsvWriter.Write(TinyMarket.Market, data.Path);

        var exit = await CommandLine.RunAsync(
            ["train", "--data", data.Path, "--schema", "v1", "--epochs", "1", "--out", model.Path], new StringWriter(), new StringWriter());

        Assert.Equal(0, exit);
        Assert.Equal("v1", (await ModelArtifact.LoadAsync(model.Path)).Manifest.SchemaVersion);
    }

    [Theory]
    [InlineData("--schema", "v9")]
    [InlineData("--hidden", "64,x")]
    [InlineData("--epochs", "0")]
    public async Task Refuses_bad_options(string option, string value)
    {
        var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["train", "--out", "x", option, value], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.Contains(option, error.ToString());
    }
}
