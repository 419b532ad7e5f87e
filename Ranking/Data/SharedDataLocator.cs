namespace LeadRecs.Ranking.Data;

/// <summary>
/// Finds the project's <c>shared/data</c> folder, which lives beside the repository rather than in it
/// (the datasets must never be copied into the repo). Developers have it at <c>/work/shared/data</c> next to
/// <c>/work/main</c>; CI clones somewhere with <c>shared/</c> beside the clone; tests run from <c>bin/</c> deep
/// inside the tree. So we walk up from both the working directory and the binaries.
/// </summary>
public static class SharedDataLocator
{
    /// <summary>Overrides the search when set, for machines where the data sits elsewhere.</summary>
    public const string EnvironmentVariable = "LEADRECS_SHARED_DATA";

    /// <returns>The absolute path of the <c>shared/data</c> folder, or null when there is none.</returns>
    public static string? Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
        }
        return FindFrom(Directory.GetCurrentDirectory()) ?? FindFrom(AppContext.BaseDirectory);
    }

    /// <returns>The absolute path of <paramref name="relativePath"/> inside <c>shared/data</c> when both exist.</returns>
    public static string? FindFile(string relativePath)
    {
        var root = Find();
        if (root is null)
        {
            return null;
        }
        var path = Path.Combine(root, relativePath);
        return File.Exists(path) ? path : null;
    }

    /// <summary>
    /// Walks up from <paramref name="start"/> looking for <c>shared/data</c> or <c>../shared/data</c>, no higher than
    /// <paramref name="ceiling"/> when one is given (tests bound the walk so that what else sits above their temp
    /// folder cannot change the answer).
    /// </summary>
    public static string? FindFrom(string start, string? ceiling = null)
    {
        var top = ceiling is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(ceiling));
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            var here = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(here))
            {
                return here;
            }
            var atTop = top is not null && string.Equals(dir.FullName, top, StringComparison.Ordinal);
            if (atTop)
            {
                return null;
            }
            if (dir.Parent is { } parent)
            {
                var beside = Path.Combine(parent.FullName, "shared", "data");
                if (Directory.Exists(beside))
                {
                    return beside;
                }
            }
        }
        return null;
    }
}
