namespace LeadRecs.Grains.Interfaces.Models;

/// <summary>One entry of a registry's history: what changed, when and why.</summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.RegistryChange")]
public sealed record RegistryChange(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Action,
    [property: Id(2)] string? Version,
    [property: Id(3)] string? FromVersion,
    [property: Id(4)] string Reason,
    [property: Id(5)] long Revision)
{
    public const string Register = "register";
    public const string Promote = "promote";
    public const string Rollback = "rollback";
    public const string Split = "split";
}
