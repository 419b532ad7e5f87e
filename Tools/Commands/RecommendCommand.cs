using System.Text.Json;
using LeadRecs.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadRecs.Tools;

/// <summary>
/// <c>leadrecs recommend --redis host:port --user ID [--k 10]</c>: asks a running cluster for a user's
/// recommendations through the Orleans client SDK, the same way a backend app would, and prints the JSON.
/// </summary>
public sealed class RecommendCommand : ICommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Name => "recommend";

    public string Summary => "ask a cluster for a user's recommendations via the client SDK";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Valued("redis", "HOST:PORT", "Redis of the cluster's membership (required)"),
        OptionSpec.Valued("user", "ID", "the user to recommend for (required)"),
        OptionSpec.Valued("k", "N", "how many leads (default 10)"),
        OptionSpec.Valued("cluster-id", "ID", "Orleans cluster id"),
        OptionSpec.Valued("service-id", "ID", "Orleans service id"),
    ];

    public async Task<int> RunAsync(CommandArgs args, TextWriter output, CancellationToken cancellationToken)
    {
        var redis = args.GetRequiredString("redis");
        var user = args.GetRequiredString("user");
        var k = args.GetInt("k", 10);
        if (k is < 1 or > 100)
        {
            throw new CommandArgsException("--k must be within [1, 100].");
        }

        var builder = Host.CreateApplicationBuilder();
        // Standard output carries only the JSON answer; diagnostics go to standard error.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddLeadRecsClient(
            redis,
            args.GetString("cluster-id", LeadRecsClientExtensions.DefaultClusterId)!,
            args.GetString("service-id", LeadRecsClientExtensions.DefaultServiceId)!);
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            var grains = host.Services.GetRequiredService<IClusterClient>();
            var recommendations = await grains.GetGrain<IUserGrain>(user).GetRecommendationsAsync(k);
            output.WriteLine(JsonSerializer.Serialize(recommendations, Json));
            return 0;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
