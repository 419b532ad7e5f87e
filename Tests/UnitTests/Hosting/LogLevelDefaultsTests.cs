using LeadRecs.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadRecs.UnitTests.Hosting;

/// <summary>A host started where it finds no appsettings.json (scripts/cluster.sh starts them from the repository root).</summary>
public sealed class LogLevelDefaultsTests
{
    [Fact]
    public void Without_appsettings_the_request_path_logs_no_information_lines_but_the_service_does()
    {
        using var app = Build([]);
        var logs = app.Services.GetRequiredService<ILoggerFactory>();
        Assert.False(logs.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.False(logs.CreateLogger("Microsoft.AspNetCore.Routing.EndpointMiddleware").IsEnabled(LogLevel.Information));
        Assert.False(logs.CreateLogger("Polly").IsEnabled(LogLevel.Information));
        Assert.False(logs.CreateLogger("Orleans.Runtime.Catalog").IsEnabled(LogLevel.Information));
        Assert.True(logs.CreateLogger("Orleans.Runtime.Catalog").IsEnabled(LogLevel.Warning));
        Assert.True(logs.CreateLogger("LeadRecs.Grains.Retraining.RetrainingGrain").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void An_operator_s_level_still_wins()
    {
        using var app = Build(["--Logging:LogLevel:Microsoft.AspNetCore=Information"]);
        var logs = app.Services.GetRequiredService<ILoggerFactory>();
        Assert.True(logs.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
    }

    private static WebApplication Build(string[] args)
    {
        var empty = Directory.CreateTempSubdirectory("leadrecs-no-appsettings.").FullName;
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = empty });
            builder.AddLeadRecsTelemetry();
            return builder.Build();
        }
        finally
        {
            Directory.Delete(empty);
        }
    }
}
