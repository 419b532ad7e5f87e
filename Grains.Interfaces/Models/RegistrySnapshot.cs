namespace LeadRecs.Grains.Interfaces.Models;

/// <summary>
/// Everything a silo needs to serve a model name: the stable version, the canary and its share of users,
/// and the experiment salt that makes the split sticky. <see cref="Revision"/> grows with every change, so a
/// reader keeps the newest snapshot it has seen and ignores older ones that arrive late.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.RegistrySnapshot")]
public sealed record RegistrySnapshot(
    [property: Id(0)] string ModelName,
    [property: Id(1)] long Revision,
    [property: Id(2)] ModelVersionEntry? Stable,
    [property: Id(3)] ModelVersionEntry? Canary,
    [property: Id(4)] double CanaryShare,
    [property: Id(5)] string ExperimentSalt,
    [property: Id(6)] IReadOnlyList<ModelVersionEntry> Versions,
    [property: Id(7)] IReadOnlyList<RegistryChange> History)
{
    public const string ControlVariant = "control";
    public const string CanaryVariant = "canary";
    public const string StableLabel = "stable";
    public const string CanaryLabel = "canary";

    public static RegistrySnapshot Empty(string modelName) => new(modelName, 0, null, null, 0, "", [], []);

    /// <summary>The version a label (stable, canary) points at, or null.</summary>
    public ModelVersionEntry? ForLabel(string label) => label switch
    {
        StableLabel => Stable,
        CanaryLabel => Canary,
        _ => null,
    };

    public ModelVersionEntry? Find(string version) => Versions.FirstOrDefault(v => v.Version == version);
}
