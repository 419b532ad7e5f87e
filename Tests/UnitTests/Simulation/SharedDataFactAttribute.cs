using LeadRecs.Ranking.Data;
using Xunit;

namespace LeadRecs.UnitTests.Simulation;

/// <summary>
/// A fact that needs a file under <c>shared/data</c> (never part of the repository). Where the file is absent the
/// test is reported as skipped with the reason, rather than passing without having checked anything.
/// </summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string relativePath)
    {
        if (SharedDataLocator.FindFile(relativePath) is null)
        {
            Skip = $"needs shared/data/{relativePath} beside the repository (or ${SharedDataLocator.EnvironmentVariable}); not found here.";
        }
    }
}
