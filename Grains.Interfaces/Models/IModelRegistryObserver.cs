using Orleans.Concurrency;

namespace LeadRecs.Grains.Interfaces.Models;

/// <summary>A silo's model host, told by the registry as soon as something changes.</summary>
public interface IModelRegistryObserver : IGrainObserver
{
    [OneWay]
    Task OnChangedAsync(RegistrySnapshot snapshot);
}
