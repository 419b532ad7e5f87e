namespace LeadRecs.Grains.Interfaces.Models;

/// <summary>
/// The answer to a registry command: the snapshot after it, or why it was refused (nothing changed then).
/// <see cref="Field"/> names the request field at fault, for problem details; <see cref="Conflict"/> marks a
/// refusal caused by the registry's state rather than by the request (HTTP 409).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.RegistryResult")]
public sealed record RegistryResult(
    [property: Id(0)] RegistrySnapshot Snapshot,
    [property: Id(1)] string? Error = null,
    [property: Id(2)] string? Field = null,
    [property: Id(3)] bool Conflict = false)
{
    public bool Succeeded => Error is null;
}
