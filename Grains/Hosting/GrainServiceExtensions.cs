using LeadRecs.Grains.Caching;
using LeadRecs.Grains.Fraud;
using LeadRecs.Grains.Models;
using LeadRecs.Grains.Registry;
using LeadRecs.Grains.Resilience;
using LeadRecs.Grains.Retraining;
using LeadRecs.Grains.Telemetry;
using LeadRecs.Ranking.Features;
using LeadRecs.Storage.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Storage;

namespace LeadRecs.Grains.Hosting;

public static class GrainServiceExtensions
{
    /// <summary>The services every silo hosting LeadRecs grains needs, whatever its clustering and storage.</summary>
    public static IServiceCollection AddLeadRecsGrains(this IServiceCollection services)
    {
        services.AddOptions<LeadRecsGrainOptions>().BindConfiguration(LeadRecsGrainOptions.Section);
        services.TryAddSingleton(DomainClock.System);
        services.TryAddSingleton(FeatureOptions.Default);
        services.TryAddSingleton(TimeProvider.System);
        // The registry's versions as this silo serves them: the baseline until the registry has a stable version.
        // Hosts register where artifacts live (PostgreSQL in the cluster, memory when embedded).
        services.AddOptions<ModelRegistryOptions>().BindConfiguration(ModelRegistryOptions.Section);
        services.AddOptions<ExperimentOptions>().BindConfiguration(ExperimentOptions.Section);
        services.TryAddSingleton<IModelArtifactStore, InMemoryModelArtifactStore>();
        services.TryAddSingleton<ServingModels>();
        services.TryAddSingleton<IModelSelector>(sp => sp.GetRequiredService<ServingModels>());
        services.TryAddSingleton<ExperimentTally>();
        services.TryAddSingleton<ModelServingMetrics>();
        services.TryAddSingleton<ModelHostService>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ModelHostService>());
        services.TryAddSingleton<IRankingCache, NoRankingCache>();
        services.TryAddSingleton<KnownLeads>();
        services.TryAddSingleton<RefreshAheadBudget>();
        services.AddMetrics();
        services.TryAddSingleton<LeadRecsMetrics>();
        services.AddLeadRecsFraudScreening();
        services.AddLeadRecsRetraining();
        services.AddDependencyOutageHandling();
        return services;
    }

    /// <summary>
    /// A PostgreSQL outage leaves a silo as <see cref="Interfaces.DependencyUnavailableException"/> (a 503 at the API)
    /// and as one log line per reason and interval, from grain calls and from grain storage (decorated here: the
    /// provider is registered before this runs).
    /// </summary>
    private static void AddDependencyOutageHandling(this IServiceCollection services)
    {
        services.TryAddSingleton<DependencyHealth>();
        services.AddSingleton<IIncomingGrainCallFilter, DependencyFailureFilter>();
        services.AddOutageLogFilter();
        var provider = services.LastOrDefault(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService
            && Equals(d.ServiceKey, LeadRecsGrainOptions.StorageName) && d.KeyedImplementationFactory is not null);
        if (provider is null)
        {
            return;
        }
        services.Remove(provider);
        services.AddKeyedSingleton<IGrainStorage>(LeadRecsGrainOptions.StorageName, (sp, key) => new OutageAwareGrainStorage(
            (IGrainStorage)provider.KeyedImplementationFactory!(sp, key), sp.GetRequiredService<DependencyHealth>()));
    }
}
