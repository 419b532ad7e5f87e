using LeadRecs.Client.Api.Apis;
using LeadRecs.Client.Api.Hosting;

// With ConnectionStrings:Redis set this is a client of a LeadRecs cluster; without, it hosts an embedded silo
// and seeds a demo market, so `dotnet run --project Client.Api` serves real recommendations on its own.
var builder = WebApplication.CreateBuilder(args);
builder.AddLeadRecsBackend();
builder.AddLeadRecsApi();

var app = builder.Build();
app.MapLeadRecsApi();
app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
