namespace LeadRecs.IntegrationTests.Faults;

/// <summary>One request of the load: when it started (on the load's clock), how long it took, what came back.</summary>
/// <param name="Status">The HTTP status ("202", "503+Retry-After") or what went wrong before one ("transport", "timeout").</param>
public sealed record RequestOutcome(TimeSpan At, TimeSpan Took, bool IsWrite, string Status, bool Ok)
{
    public TimeSpan End => At + Took;

    public string Kind => IsWrite ? "write" : "read";
}
