using System.Net.Http.Headers;
using LeadRecs.Grains.Interfaces.Models;
using LeadRecs.Grains.Models;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRecs.UnitTests.Api.Models;

/// <summary>
/// The embedded service with a small demo market, whose seeder trains and registers the first "deep-ranker" version,
/// behind real Kestrel (so the body limits are the server's, and ":predict" travels in a real request line), with
/// an admin key, no automatic experiment decisions and no automatic retraining.
/// </summary>
public sealed class ModelApiFactory : EmbeddedApiFactory
{
    public const string AdminKey = "models-admin-key-0123456789abcdef";
    public const string Model = IModelRegistryGrain.DefaultModelName;

    private readonly SemaphoreSlim _seeding = new(1, 1);
    private string? _seededVersion;

    public ModelApiFactory()
        : base(seedDemo: true, demoLeads: 400, demoUsers: 60, demoDays: 10) => UseKestrel(0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("LeadRecs:Admin:ApiKey", AdminKey);
        builder.UseSetting("LeadRecs:Experiments:AutoDecide", "false");
        // Only the tests' own (manual) retraining: no schedule or drift run may register a canary behind their backs.
        builder.UseSetting("LeadRecs:Retraining:Enabled", "false");
        builder.UseSetting("LeadRecs:RateLimit:Enabled", "false");
    }

    public HttpClient Admin()
    {
        var http = CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return http;
    }

    public IModelRegistryGrain Registry => Services.GetRequiredService<IGrainFactory>().GetGrain<IModelRegistryGrain>(Model);

    /// <summary>The version the demo seeder trained and registered (waits for it, up to 3 minutes).</summary>
    public async Task<string> SeededVersionAsync()
    {
        await _seeding.WaitAsync();
        try
        {
            if (_seededVersion is null)
            {
                var deadline = DateTime.UtcNow.AddMinutes(3);
                while (_seededVersion is null)
                {
                    _seededVersion = (await Registry.GetSnapshotAsync()).Versions.FirstOrDefault(v => v.Source == "demo seeder")?.Version;
                    Assert.True(_seededVersion is not null || DateTime.UtcNow < deadline, "the demo seeder registered no model within 3 minutes");
                    await Task.Delay(_seededVersion is null ? 250 : 0);
                }
            }
            return _seededVersion;
        }
        finally
        {
            _seeding.Release();
        }
    }

    /// <summary>
    /// Puts the registry back to the seeded version as stable with no canary (tests share the service and run one at
    /// a time), and waits until this silo serves that; returns the snapshot.
    /// </summary>
    public async Task<RegistrySnapshot> ResetAsync()
    {
        var seeded = await SeededVersionAsync();
        var snapshot = await Registry.GetSnapshotAsync();
        if (snapshot.Canary is not null)
        {
            snapshot = (await Registry.RollbackAsync("test reset")).Snapshot;
        }
        if (snapshot.Stable?.Version != seeded)
        {
            snapshot = (await Registry.PromoteAsync(seeded, "test reset")).Snapshot;
        }
        await ServedAsync(snapshot.Revision);
        return snapshot;
    }

    /// <summary>Waits until this silo's serving models have loaded <paramref name="revision"/> of the registry.</summary>
    public async Task ServedAsync(long revision)
    {
        var models = Services.GetRequiredService<ServingModels>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (models.Revision < revision)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the silo did not serve registry revision {revision} within 60 s");
            await Task.Delay(100);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _seeding.Dispose();
        }
        base.Dispose(disposing);
    }
}

[CollectionDefinition(Name)]
public sealed class ModelApiCollection : ICollectionFixture<ModelApiFactory>
{
    public const string Name = "model registry api";
}
