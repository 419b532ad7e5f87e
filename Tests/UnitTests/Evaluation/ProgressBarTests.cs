using LeadRecs.Ranking.Evaluation.Progress;

namespace LeadRecs.UnitTests.Evaluation;

public sealed class ProgressBarTests
{
    [Fact]
    public void Format_ShowsPercentRateAndEta()
    {
        var line = ProgressBar.Format("train", 50, 200, "rows", TimeSpan.FromSeconds(10), final: false, note: "loss 0.5");

        Assert.Contains("[######------------------]", line);
        Assert.Contains(" 25.0%", line);
        Assert.Contains("50/200 rows", line);
        Assert.Contains("5.0/s", line);
        Assert.Contains("ETA 0:30", line);
        Assert.EndsWith("loss 0.5", line);
    }

    [Fact]
    public void Complete_WritesOneFinalLineWithElapsedTime()
    {
        var writer = new StringWriter();
        using (var bar = new ProgressBar(writer, "eval", 4, "users", redraw: false))
        {
            bar.Advance(4);
            bar.Complete("done");
        }

        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("100.0%", lines[0]);
        Assert.Contains(" in 0:00", lines[0]);
        Assert.EndsWith("done", lines[0]);
    }

    [Fact]
    public void NullWriter_IsSilentAndStillCounts()
    {
        using var bar = new ProgressBar(null, "x", 10, "items");

        Parallel.For(0, 10, _ => bar.Advance());

        Assert.Equal(10, bar.Done);
    }
}
