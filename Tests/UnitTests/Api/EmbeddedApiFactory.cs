using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LeadRecs.UnitTests.Api;

/// <summary>The API in its embedded mode (silo in process), on private ports, optionally without the demo market.</summary>
public class EmbeddedApiFactory(bool seedDemo, int demoLeads = 2000, int demoUsers = 300, int demoDays = 30)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("LeadRecs:Embedded:SiloPort", FreePorts.Next().ToString());
        builder.UseSetting("LeadRecs:Embedded:GatewayPort", FreePorts.Next().ToString());
        builder.UseSetting("LeadRecs:Demo:Enabled", seedDemo ? "true" : "false");
        builder.UseSetting("LeadRecs:Demo:Leads", demoLeads.ToString());
        builder.UseSetting("LeadRecs:Demo:Users", demoUsers.ToString());
        builder.UseSetting("LeadRecs:Demo:Days", demoDays.ToString());
    }
}

/// <summary>An empty embedded service shared by the API contract tests; each test uses its own ids.</summary>
public sealed class EmptyApiFactory() : EmbeddedApiFactory(seedDemo: false);

[CollectionDefinition(Name)]
public sealed class EmptyApiCollection : ICollectionFixture<EmptyApiFactory>
{
    public const string Name = "empty api";
}
