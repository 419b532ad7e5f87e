using System.Diagnostics;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LeadRecs.Client.Api.Security;

/// <summary>API keys, authorization policies, per-client rate limits and error answers that give nothing away.</summary>
public static class SecurityExtensions
{
    public static IHostApplicationBuilder AddLeadRecsSecurity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ApiKeyOptions>().Configure<IConfiguration>((o, config) =>
        {
            o.AdminKey = config["LeadRecs:Admin:ApiKey"];
            config.GetSection("LeadRecs:Api:ClientKeys").Bind(o.ClientKeys);
            o.RequireClientKey = config.GetValue("LeadRecs:Api:RequireClientKey", false);
        });
        services.AddSingleton<ApiKeyRing>();
        services.AddAuthentication(ApiPrincipal.Scheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiPrincipal.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPrincipal.AdminPolicy, p => p.AddAuthenticationSchemes(ApiPrincipal.Scheme).RequireRole(ApiPrincipal.AdminRole))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(ApiPrincipal.Scheme).AddRequirements(new ClientAccessRequirement()).Build());

        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.TokenLimit > 0 && o.TokensPerPeriod > 0 && o.ReplenishmentPeriod > TimeSpan.Zero,
                $"{RateLimitOptions.Section}: TokenLimit, TokensPerPeriod and ReplenishmentPeriod must be positive.")
            .ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(PartitionOf);
            o.OnRejected = RejectAsync;
        });

        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            // Whatever wrote the problem, no exception detail leaves the process; the trace id finds it in the logs.
            c.ProblemDetails.Extensions.Remove("exception");
            c.ProblemDetails.Extensions["traceId"] = TraceId(c.HttpContext);
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        return builder;
    }

    /// <summary>Authentication, then rate limits (by the identity just established), then authorization, then query hygiene.</summary>
    public static WebApplication UseLeadRecsSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseSingleValuedQuery();
        return app;
    }

    /// <summary>Admin key required: 401 without a key, 403 with any other key.</summary>
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(ApiPrincipal.AdminPolicy);

    private static RateLimitPartition<string> PartitionOf(HttpContext context)
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        if (!limits.Enabled || !ApiPaths.IsApi(context.Request.Path))
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }
        return RateLimitPartition.GetTokenBucketLimiter(ApiPrincipal.ClientOf(context), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.TokenLimit,
            TokensPerPeriod = limits.TokensPerPeriod,
            ReplenishmentPeriod = limits.ReplenishmentPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limits.ReplenishmentPeriod;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"This client has used up its request allowance; retry after {seconds} s.",
            },
        });
    }

    /// <summary>The id a problem quotes and the log of an unhandled exception carries, so the two can be matched.</summary>
    internal static string TraceId(HttpContext context) => Activity.Current?.Id ?? context.TraceIdentifier;
}
