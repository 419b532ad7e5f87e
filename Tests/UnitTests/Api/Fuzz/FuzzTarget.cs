using System.Collections.Concurrent;

namespace LeadRecs.UnitTests.Api.Fuzz;

/// <summary>The real things fuzzed requests aim at, so they fail on validation rather than on not finding anything.</summary>
public sealed class FuzzTarget
{
    public required string Prefix { get; init; }
    public required string UserId { get; init; }
    public required IReadOnlyList<string> LeadIds { get; init; }
    public required double Lat { get; init; }
    public required double Lon { get; init; }
    public required string AdminKey { get; init; }

    /// <summary>Well-formed lead ids that only ever travelled in refused batches: none may exist afterwards.</summary>
    public ConcurrentBag<string> RefusedLeadIds { get; } = [];
}
