using System.Security.Cryptography;
using LeadRecs.Client.Api.Security;

namespace LeadRecs.Client.Api.Hosting;

/// <summary>
/// On a laptop nobody has set <c>LeadRecs:Admin:ApiKey</c>, so the dashboard's models panel (admin endpoints) would
/// stay closed. An embedded demo without one makes a random key for this run and prints it once started. Never in
/// cluster mode: there a missing key keeps the admin endpoints closed, as a deployment expects.
/// </summary>
public static class DemoAdminKey
{
    public const string ConfigurationKey = "LeadRecs:Admin:ApiKey";

    /// <summary>Adds a generated admin key to the configuration when the demo is on and no usable key is set.</summary>
    public static IHostApplicationBuilder AddDemoAdminKeyIfMissing(this IHostApplicationBuilder builder)
    {
        var demoEnabled = builder.Configuration.GetValue($"{DemoMarketOptions.Section}:Enabled", true);
        if (!demoEnabled || ApiKeyOptions.Weakness(builder.Configuration[ConfigurationKey]) is null)
        {
            return builder;
        }
        var key = "demo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        builder.Configuration.AddInMemoryCollection([new(ConfigurationKey, key)]);
        builder.Services.AddHostedService(sp => new Announcement(
            key, sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<ILogger<Announcement>>()));
        return builder;
    }

    /// <summary>Prints the key once the host has started, after the lines that say where it listens.</summary>
    private sealed class Announcement(string key, IHostApplicationLifetime lifetime, ILogger<Announcement> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStarted.Register(() => logger.LogInformation(
                "Demo admin key for this run (embedded demo only; set {Setting} to choose your own): {AdminKey} "
                + "- paste it into the dashboard's models panel or send it as {Header}", ConfigurationKey, key, ApiKeyOptions.Header));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
