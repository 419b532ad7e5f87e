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

        Assert.Equal(root.Combine("shared", "data"), SharedDataLocator.FindFrom(deep, ceiling: root.Path));
    }

    [Fact]
    public void FindsSharedDataBesideTheRepository()
    {
        // CI clones to some directory with shared/ beside it: <ci>/clone and <ci>/shared/data.
        using var root = new TempDirectory();
        Directory.CreateDirectory(root.Combine("ci", "shared", "data"));
        var clone = Directory.CreateDirectory(root.Combine("ci", "clone")).FullName;

        Assert.Equal(root.Combine("ci", "shared", "data"), SharedDataLocator.FindFrom(clone, ceiling: root.Combine("ci")));
    }

    [Fact]
    public void IgnoresSharedDataAboveTheCeiling()
    {
        using var root = new TempDirectory();
        Directory.CreateDirectory(root.Combine("shared", "data"));
        var bounded = Directory.CreateDirectory(root.Combine("work")).FullName;
        var deep = Directory.CreateDirectory(root.Combine("work", "a", "b")).FullName;

        Assert.Null(SharedDataLocator.FindFrom(deep, ceiling: bounded));
        Assert.Equal(root.Combine("shared", "data"), SharedDataLocator.FindFrom(deep));
    }

    [Fact]
    public void ReturnsNullWhenThereIsNone()
    {
        using var root = new TempDirectory();
        var deep = Directory.CreateDirectory(root.Combine("a", "b")).FullName;

        // Bounded at the test's own folder: a shared/ in the temp folder or above must not change the answer.
        Assert.Null(SharedDataLocator.FindFrom(deep, ceiling: root.Path));
    }
}
