using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Web;

public static class WebSetup
{
    public static IServiceCollection AddUpwardMobilityWeb(this IServiceCollection services)
    {
        // Singletons: the directory caches the county list; both use IDbContextFactory per call.
        services.AddSingleton<CountyDirectoryService>();
        services.AddSingleton<CountyProfileService>();
        // Stateless over the factory and the county distribution cache, so one instance serves every page.
        services.AddSingleton<UpwardMobility.Core.Dashboard.CountyDashboardService>();
        services.AddSingleton<UpwardMobility.Core.Dashboard.MetricDetailService>();
        services.AddPublicDataCache();
        services.AddDataCompression();
        services.AddSingleton<UpwardMobility.Core.Nation.MetricCrossSectionService>();
        services.AddSingleton<Components.Map.MapShapes>();
        services.AddSingleton<UpwardMobility.Core.Nation.CountyComparisonService>();
        services.AddSingleton<UpwardMobility.Core.PeerGroups.PeerGroupService>();
        services.AddSingleton<DistributionWarmer>();
        services.AddHostedService(sp => sp.GetRequiredService<DistributionWarmer>());
        return services;
    }

    /// <summary>Where the bundled catalog and county list live: <c>Data:Folder</c>, or <c>data/</c> beside the app.</summary>
    public static string DataFolder(IConfiguration configuration) =>
        configuration["Data:Folder"] is { Length: > 0 } folder ? folder : Path.Combine(AppContext.BaseDirectory, "data");

    public static async Task InitializeDatabaseAsync(this WebApplication app, bool seedDemo)
    {
        seedDemo &= !string.Equals(app.Configuration["Demo:Seed"], "false", StringComparison.OrdinalIgnoreCase);
        var initializer = app.Services.GetRequiredService<DatabaseInitializer>();
        await initializer.InitializeAsync(DataFiles.InFolder(DataFolder(app.Configuration)), seedDemo);
    }

    public static void MapUpwardMobilityEndpoints(this WebApplication app)
    {
        Counties.CountyExportEndpoints.MapCountyExportEndpoints(app);
        Components.Metrics.MetricCsvEndpoint.MapMetricCsvEndpoint(app);
        Components.Map.MapDataEndpoint.MapMapDataEndpoint(app);
        Components.Rankings.RankingsCsvEndpoint.MapRankingsCsvEndpoint(app);
        Components.Compare.CompareCsvEndpoint.MapCompareCsvEndpoint(app);
        Components.Map.MapCsvEndpoint.MapMapCsvEndpoint(app);
        Components.PeerGroups.PeerGroupEndpoints.MapPeerGroupEndpoints(app);
        Plans.PlanCsvEndpoint.MapPlanCsvEndpoint(app);
        // Liveness plus a real round trip to the database.
        app.MapGet("/healthz", async (IDbContextFactory<AppDbContext> factory, CancellationToken ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            try
            {
                return await db.Database.CanConnectAsync(ct)
                    ? Results.Text("ok", "text/plain")
                    : Results.Text("database unavailable", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
            {
                return Results.Text("database unavailable", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
    }
}
