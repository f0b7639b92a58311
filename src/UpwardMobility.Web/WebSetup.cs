using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Data;
using UpwardMobility.Web.Accounts;
using UpwardMobility.Web.Api;
using UpwardMobility.Web.Compare;
using UpwardMobility.Web.Counties;
using UpwardMobility.Web.Hosting;
using UpwardMobility.Web.Map;
using UpwardMobility.Web.Metrics;
using UpwardMobility.Web.PeerGroups;
using UpwardMobility.Web.Plans;
using UpwardMobility.Web.Rankings;
using UpwardMobility.Web.Telemetry;

namespace UpwardMobility.Web;

public static class WebSetup
{
    /// <summary>
    /// Every service of the web app: Razor components, accounts (Identity, cookies, antiforgery), the public-data
    /// output cache and compression, the map shapes and the distribution warmer. Core's services come from
    /// <c>AddUpwardMobilityCore</c>; this registers none of them.
    /// </summary>
    public static IServiceCollection AddUpwardMobilityWeb(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddRazorComponents()
            .AddInteractiveServerComponents();
        services.AddAccounts(configuration, environment);
        services.AddPublicDataCache();
        services.AddDataCompression();
        services.AddSingleton<MapShapes>();
        services.AddSingleton<MapSvgCache>();
        services.AddScoped<MapViewSource>();
        services.AddSingleton<DistributionWarmer>();
        services.AddHostedService(sp => sp.GetRequiredService<DistributionWarmer>());
        services.AddOpenDataApi(configuration);
        services.AddTelemetry(configuration);
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

    /// <summary>Every endpoint that is not a Razor page: one map per feature, each a route group.</summary>
    public static void MapUpwardMobilityEndpoints(this WebApplication app)
    {
        app.MapAccountEndpoints();
        app.MapCountyEndpoints();
        app.MapMetricEndpoints();
        app.MapPlanEndpoints();
        app.MapMapEndpoints();
        app.MapRankingsEndpoints();
        app.MapPeerGroupEndpoints();
        app.MapCompareEndpoints();
        app.MapHealthEndpoints();
        app.MapApiEndpoints();
        app.MapTelemetryEndpoints();
    }
}
