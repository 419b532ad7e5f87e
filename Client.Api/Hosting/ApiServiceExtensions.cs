using System.Text.Json;
using System.Text.Json.Serialization;
using LeadRecs.Client.Api.Security;
using LeadRecs.Client.Api.Validation;
using LeadRecs.Grains.Resilience;
using LeadRecs.ServiceDefaults;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LeadRecs.Client.Api.Hosting;

public static class ApiServiceExtensions
{
    /// <summary>HTTP concerns: problem details for every error, OpenAPI, body limits.</summary>
    public static IHostApplicationBuilder AddLeadRecsApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        // Enums go out as the same lower-case names clients send ("condo", "active").
        builder.Services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        builder.Services.AddOpenApi();
        builder.AddLeadRecsTelemetry();
        builder.Services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = ApiLimits.MaxBodyBytes);
        builder.Services.TryAddSingletonTimeProvider();
        // What /health says of PostgreSQL and Redis; shared with this process's silo when it hosts one.
        builder.Services.TryAddSingleton<DependencyHealth>();
        builder.AddLeadRecsSecurity();
        return builder;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(s => s.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
