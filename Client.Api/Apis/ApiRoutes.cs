using LeadRecs.Client.Api.Security;
using LeadRecs.ServiceDefaults;

namespace LeadRecs.Client.Api.Apis;

public static class ApiRoutes
{
    public static WebApplication MapLeadRecsApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The dashboard: wwwroot/index.html and its modules at "/", calling the API below from the browser.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseLeadRecsSecurity();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthApi();
        app.MapLeadRecsMetrics();
        app.MapLeadsApi();
        app.MapEventsApi();
        app.MapUsersApi();
        app.MapGeoApi();
        app.MapMarketApi();
        app.MapAdminApi();
        app.MapModelsApi();
        app.MapTfServingApi();
        return app;
    }
}
