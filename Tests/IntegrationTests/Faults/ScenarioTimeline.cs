using Xunit.Abstractions;

namespace LeadRecs.IntegrationTests.Faults;

/// <summary>
/// What a scenario did and when, on the load's clock, and the targets of its own it missed (beyond the ones every
/// scenario shares): they join the report instead of ending the test early, so the figures are printed either way.
/// </summary>
public sealed class ScenarioTimeline(ITestOutputHelper output, ChaosLoad load)
{
    private readonly List<string> _violations = [];

    public IReadOnlyList<string> Violations => _violations;

    public void Note(string text) => output.WriteLine($"{load.Now}: {text}");

    public void Require(bool condition, string violation)
    {
        if (!condition)
        {
            _violations.Add(violation);
            Note("target missed: " + violation);
        }
    }
}
