using LeadRecs.Tools;

namespace LeadRecs.UnitTests.Tools;

public sealed class CommandArgsTests
{
    private static readonly OptionSpec[] Specs =
    [
        OptionSpec.Valued("seed", "N", "seed"),
        OptionSpec.Valued("input", "FILE", "input"),
        OptionSpec.Flag("no-tune", "flag"),
    ];

    [Fact]
    public void NameEqualsValue_IsTheSameAsTwoArguments()
    {
        var args = CommandArgs.Parse(["--input=a=b.csv", "--seed", "7", "--no-tune"], Specs);

        Assert.Equal("a=b.csv", args.GetString("input"));
        Assert.Equal(7, args.GetInt("seed", 42));
        Assert.True(args.Has("no-tune"));
    }

    [Fact]
    public void AnAbsentOption_TakesTheFallback()
    {
        var args = CommandArgs.Parse([], Specs);

        Assert.Equal(42, args.GetInt("seed", 42));
        Assert.False(args.Has("no-tune"));
    }

    [Theory]
    [InlineData("--seeds", "7", "unknown option --seeds")]
    [InlineData("--seeds=7", null, "unknown option --seeds")]
    [InlineData("--seed", null, "--seed needs a value")]
    [InlineData("--no-tune=yes", null, "--no-tune is a flag")]
    [InlineData("seed", null, "unexpected argument 'seed'")]
    public void AMistypedOption_IsAnErrorNamingIt(string first, string? second, string message)
    {
        string[] argv = second is null ? [first] : [first, second];

        var error = Assert.Throws<CommandArgsException>(() => CommandArgs.Parse(argv, Specs));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void AValuedOptionFollowedByAnotherOption_IsMissingItsValue()
    {
        var error = Assert.Throws<CommandArgsException>(() => CommandArgs.Parse(["--input", "--no-tune"], Specs));

        Assert.Contains("--input needs a value", error.Message);
    }

    [Theory]
    [InlineData("--seed", "1", "--seed", "2")]
    [InlineData("--seed=1", "--no-tune", "--seed", "2")]
    [InlineData("--no-tune", "--no-tune", "--seed", "2")]
    public void ARepeatedOption_IsAnError(string a, string b, string c, string d)
    {
        var error = Assert.Throws<CommandArgsException>(() => CommandArgs.Parse([a, b, c, d], Specs));

        Assert.Contains("more than once", error.Message);
    }

    [Fact]
    public void ReadingAnUndeclaredOption_IsABugInTheCommand()
    {
        var args = CommandArgs.Parse([], Specs);

        Assert.Throws<InvalidOperationException>(() => args.GetInt("users", 1));
    }
}
