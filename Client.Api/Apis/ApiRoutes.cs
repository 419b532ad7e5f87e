namespace LeadRecs.Client.Api.Apis;

public static class ApiRoutes
{
    public static WebApplication MapLeadRecsApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthApi();
        app.MapLeadsApi();
        app.MapEventsApi();
        app.MapUsersApi();
        app.MapGeoApi();
        app.MapMarketApi();
        return app;
    }
}
