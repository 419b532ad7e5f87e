using LeadRecs.Grains.Caching;
using LeadRecs.Grains.Fraud;
using LeadRecs.Grains.Models;
using LeadRecs.Grains.Telemetry;
using LeadRecs.Ranking.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LeadRecs.Grains.Hosting;

public static class GrainServiceExtensions
{
    /// <summary>The services every silo hosting LeadRecs grains needs, whatever its clustering and storage.</summary>
    public static IServiceCollection AddLeadRecsGrains(this IServiceCollection services)
    {
        services.AddOptions<LeadRecsGrainOptions>().BindConfiguration(LeadRecsGrainOptions.Section);
        services.TryAddSingleton(DomainClock.System);
        services.TryAddSingleton(FeatureOptions.Default);
        // One switchable selector: the baseline serves until a host (the demo seeder, later the model registry)
        // switches it to a trained model.
        services.TryAddSingleton<SwitchableModelSelector>();
        services.TryAddSingleton<IModelSelector>(sp => sp.GetRequiredService<SwitchableModelSelector>());
        services.TryAddSingleton<IRankingCache, NoRankingCache>();
        services.TryAddSingleton<KnownLeads>();
        services.AddMetrics();
        services.TryAddSingleton<LeadRecsMetrics>();
        services.AddLeadRecsFraudScreening();
        return services;
    }
}
