using LeadRecs.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LeadRecs.Grains.Retraining;

public static class RetrainingServiceExtensions
{
    /// <summary>Retraining's options ("LeadRecs:Retraining", validated at start), trainer, metrics and the per-silo drift reporter.</summary>
    public static IServiceCollection AddLeadRecsRetraining(this IServiceCollection services)
    {
        services.AddOptions<RetrainingOptions>().BindConfiguration(RetrainingOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetrainingOptions>, RetrainingOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<RetrainingMetrics>();
        services.TryAddSingleton<IRetrainingTrainer, LeadModelRetrainingTrainer>();
        services.TryAddSingleton<DriftReporter>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DriftReporter>());
        return services;
    }

    private sealed class RetrainingOptionsValidator : IValidateOptions<RetrainingOptions>
    {
        public ValidateOptionsResult Validate(string? name, RetrainingOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
