using LeadRecs.Silo.Hosting;

// A silo of the LeadRecs cluster. HTTP here only serves probes; the public API is Client.Api.
var builder = WebApplication.CreateBuilder(args);
builder.AddLeadRecsSilo();

var app = builder.Build();
app.MapGet("/alive", () => TypedResults.Ok("alive"));
app.MapGet("/health", (IHostApplicationLifetime lifetime) => lifetime.ApplicationStarted.IsCancellationRequested
    ? Results.Ok("healthy")
    : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
app.Run();
