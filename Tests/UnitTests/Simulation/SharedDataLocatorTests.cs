using LeadRecs.Ranking.Data;
using Xunit;

namespace LeadRecs.UnitTests.Simulation;

public sealed class SharedDataLocatorTests
{
    [Fact]
    public void FindsSharedDataInAnAncestor()
    {
        using var root = new TempDirectory();
        Directory.CreateDirectory(root.Combine("shared", "data"));
        var deep = Directory.CreateDirectory(root.Combine("repo", "Tests", "bin", "Debug")).FullName;

        Assert.Equal(root.Combine("shared", "data"), SharedDataLocator.FindFrom(deep));
    }

    [Fact]
    public void FindsSharedDataBesideTheRepository()
    {
        // CI clones to some directory with shared/ beside it: <ci>/clone and <ci>/shared/data.
        using var root = new TempDirectory();
        Directory.CreateDirectory(root.Combine("ci", "shared", "data"));
        var clone = Directory.CreateDirectory(root.Combine("ci", "clone")).FullName;

        Assert.Equal(root.Combine("ci", "shared", "data"), SharedDataLocator.FindFrom(clone));
    }

    [Fact]
    public void ReturnsNullWhenThereIsNone()
    {
        using var root = new TempDirectory();
        var deep = Directory.CreateDirectory(root.Combine("a", "b")).FullName;

        // Assumes no shared/data at the top of the file system or in the temp folder, as on any sane machine.
        Assert.Null(SharedDataLocator.FindFrom(deep));
    }
}
