using LeadRecs.Ranking.Fraud;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LeadRecs.Grains.Fraud;

public static class FraudServiceExtensions
{
    /// <summary>The fraud filter's options ("LeadRecs:Fraud", validated at start) and metrics.</summary>
    public static IServiceCollection AddLeadRecsFraudScreening(this IServiceCollection services)
    {
        services.AddOptions<FraudOptions>().BindConfiguration(FraudOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FraudOptions>, FraudOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<FraudMetrics>();
        return services;
    }

    private sealed class FraudOptionsValidator : IValidateOptions<FraudOptions>
    {
        public ValidateOptionsResult Validate(string? name, FraudOptions options)
        {
            try
            {
                options.Validate();
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentOutOfRangeException ex)
            {
                return ValidateOptionsResult.Fail($"{FraudOptions.Section}:{ex.ParamName} is out of range ({ex.ActualValue}).");
            }
        }
    }
}
