using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;

namespace LeadRecs.ServiceDefaults;

/// <summary>
/// The log levels of appsettings.json, also when the process does not find that file: it is read from the content
/// root, the working directory, and scripts/cluster.sh, Kubernetes' images and the tests start the hosts from elsewhere.
/// Without them ASP.NET Core's and Polly's (Orleans placement) information lines made about eight lines per request.
/// These are the lowest-precedence source: appsettings files and <c>Logging__LogLevel__*</c> variables still win.
/// </summary>
public static class LogLevelDefaults
{
    public static readonly IReadOnlyDictionary<string, string?> Levels = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Warning",
    };

    public static IHostApplicationBuilder AddLeadRecsLogLevels(this IHostApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Levels });
        return builder;
    }
}
