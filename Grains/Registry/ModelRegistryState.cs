using LeadRecs.Grains.Interfaces.Models;

namespace LeadRecs.Grains.Registry;

/// <summary>What the registry persists; <see cref="ModelRegistryGrain"/> keeps it bounded.</summary>
public sealed class ModelRegistryState
{
    public long Revision { get; set; }

    public ModelVersionEntry? Stable { get; set; }

    public ModelVersionEntry? Canary { get; set; }

    public double CanaryShare { get; set; }

    public string ExperimentSalt { get; set; } = "";

    public List<ModelVersionEntry> Versions { get; set; } = [];

    public List<RegistryChange> History { get; set; } = [];

    /// <summary>Versions that were stable before the current one, most recent last: what a rollback returns to.</summary>
    public List<string> PreviousStable { get; set; } = [];

    public RegistrySnapshot ToSnapshot(string modelName) =>
        new(modelName, Revision, Stable, Canary, CanaryShare, ExperimentSalt, Versions.ToArray(), History.ToArray());
}
