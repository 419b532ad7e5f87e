using LeadRecs.Tools;

namespace LeadRecs.UnitTests.Tools;

public sealed class CommandLineTests
{
    public static TheoryData<string> Verbs() => ["eval", "migrate", "recommend", "seed", "train", "simulate", "fraud-eval"];

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task EveryVerb_AnswersHelpWithItsOptions(string verb)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await CommandLine.RunAsync([verb, "--help"], output, error);

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error.ToString());
        var text = output.ToString();
        Assert.StartsWith($"usage: leadrecs {verb} [options]", text);
        Assert.Contains("  --help", text);
        // Every verb has options, and each is listed on a line of its own.
        Assert.True(text.Split('\n').Count(l => l.TrimStart().StartsWith("--", StringComparison.Ordinal)) >= 2, text);
    }

    [Fact]
    public async Task EvalHelp_ListsItsOptionsEvenWithoutInput()
    {
        var output = new StringWriter();

        var exit = await CommandLine.RunAsync(["eval", "--help"], output, new StringWriter());

        Assert.Equal(0, exit);
        Assert.Contains("--input FILE", output.ToString());
        Assert.Contains("--protocol NAME", output.ToString());
        Assert.Contains("loo-full", output.ToString());
    }

    [Fact]
    public async Task AnUnknownOption_ExitsWith2AndNamesItOnStderr()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["eval", "--input", "x.csv", "--seeds", "7"], output, error);

        Assert.Equal(2, exit);
        Assert.Contains("unknown option --seeds", error.ToString());
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public async Task ARepeatedOption_ExitsWith2()
    {
        var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["eval", "--seed", "1", "--seed=2"], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.Contains("--seed is given more than once", error.ToString());
    }

    [Fact]
    public async Task InputGivenWithEquals_IsRead()
    {
        var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["eval", "--input=/nonexistent/ratings.csv"], new StringWriter(), error);

        // Refused for the missing file, not for a missing --input: the =value form reached the command.
        Assert.Equal(2, exit);
        Assert.Contains("no file at '/nonexistent/ratings.csv'", error.ToString());
    }
}
