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
        // The first Data Protection key is made under the start-up lock too: instances starting together then share
        // one key instead of each making its own.
        await initializer.InitializeAsync(DataFiles.InFolder(DataFolder(app.Configuration)), seedDemo, alsoUnderLock: _ =>
        {
            Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.CreateProtector(
                app.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(), "startup").Protect([1]);
            return Task.CompletedTask;
        });
    }

    public static void MapUpwardMobilityEndpoints(this WebApplication app)
    {
        Counties.CountyExportEndpoints.MapCountyExportEndpoints(app);
        Components.Metrics.MetricCsvEndpoint.MapMetricCsvEndpoint(app);
        Components.Map.MapDataEndpoint.MapMapDataEndpoint(app);
        Components.Rankings.RankingsCsvEndpoint.MapRankingsCsvEndpoint(app);
        Components.PeerGroups.PeerGroupEndpoints.MapPeerGroupEndpoints(app);
        Plans.PlanCsvEndpoint.MapPlanCsvEndpoint(app);
        Hosting.HealthEndpoints.MapHealthEndpoints(app);
    }
}
