using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Evaluation.Data.Ncf;
using LeadRecs.Ranking.Evaluation.Reporting;
using LeadRecs.Tools;
using LeadRecs.UnitTests.Simulation;

namespace LeadRecs.UnitTests.Evaluation;

public sealed class NcfInterchangeTests
{
    [Fact]
    public void Read_TakesTheHeldOutItemsAndNegativesAsGiven()
    {
        using var directory = new TempDirectory();
        var prefix = directory.Combine("tiny");
        File.WriteAllLines(prefix + NcfFiles.TrainSuffix, ["0\t10\t5\t100", "0\t11\t3\t200", "1\t10\t4\t150"]);
        File.WriteAllLines(prefix + NcfFiles.TestSuffix, ["0\t12\t4\t300", "1\t11\t2\t400"]);
        File.WriteAllLines(prefix + NcfFiles.NegativeSuffix, ["(0,12)\t13\t14", "(1,11)\t12\t14"]);
        var users = new IdMap();
        var items = new IdMap();

        var split = NcfReader.Read(prefix + NcfFiles.TrainSuffix, users, items);

        Assert.Equal(3, split.Train.Count);
        Assert.Equal(2, split.Cases.Count);
        Assert.Equal("12", items.Name(split.Cases[0].HeldOut));
        Assert.Equal(["13", "14"], split.Cases[0].Negatives.Select(items.Name));
        Assert.Equal("1", users.Name(split.Cases[1].User));
        Assert.Equal(["12", "14"], split.Cases[1].Negatives.Select(items.Name));
    }

    [Fact]
    public void ATestLineWithoutNegatives_IsAnErrorNamingIt()
    {
        using var directory = new TempDirectory();
        var prefix = directory.Combine("tiny");
        File.WriteAllLines(prefix + NcfFiles.TrainSuffix, ["0\t10\t5\t100"]);
        File.WriteAllLines(prefix + NcfFiles.TestSuffix, ["0\t12\t4\t300"]);
        File.WriteAllLines(prefix + NcfFiles.NegativeSuffix, ["(0,13)\t14"]);

        var error = Assert.Throws<InvalidDataException>(() => NcfReader.Read(prefix + NcfFiles.TrainSuffix, new IdMap(), new IdMap()));

        Assert.Contains("no negatives for (0,12)", error.Message);
    }

    [Theory]
    [InlineData("loo")]
    [InlineData("loo-full")]
    public async Task AWrittenSplit_ReadBack_GivesTheSameFigures(string protocol)
    {
        using var directory = new TempDirectory();
        var ratings = directory.Combine("ratings.csv");
        PlantedData.Write(ratings, directory.Combine("locations.txt"));
        var split = directory.Combine("split");
        var first = directory.Combine("first.json");
        var second = directory.Combine("second.json");
        string[] common = ["--protocol", protocol, "--models", "popularity", "--no-tune", "--negatives", "30", "--seed", "5"];

        var written = await CommandLine.RunAsync(["eval", "--input", ratings, "--write-split", split, "--json", first, .. common], new StringWriter(), new StringWriter());
        var error = new StringWriter();
        var read = await CommandLine.RunAsync(
            ["eval", "--input", Path.Combine(split, NcfWriter.Prefix + NcfFiles.TrainSuffix), "--json", second, .. common], new StringWriter(), error);

        Assert.Equal(0, written);
        Assert.True(read == 0, error.ToString());
        Assert.True(File.Exists(Path.Combine(split, NcfWriter.Prefix + NcfFiles.NegativeSuffix)));
        var a = ReportJson.Deserialize(File.ReadAllText(first))!;
        var b = ReportJson.Deserialize(File.ReadAllText(second))!;
        Assert.Equal(a.Results[0].Metrics, b.Results[0].Metrics);
        Assert.Contains(protocol == "loo" ? "vs 30 sampled unseen items" : "vs every item not in their training history", b.Description);
    }
}
