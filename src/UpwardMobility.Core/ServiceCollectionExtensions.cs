using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Admin;
using UpwardMobility.Core.Audit;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Dashboard;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Demo;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Import;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Core.Nation;
using UpwardMobility.Core.PeerGroups;
using UpwardMobility.Core.Plans;

namespace UpwardMobility.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Every service of Core, for every host (web, CLI, tests, benchmarks). Feature services are singletons over
    /// <c>IDbContextFactory</c> (a context per operation, safe for long-lived Blazor circuits); the two account
    /// services are scoped because Identity's <c>UserManager</c> is, and need the host to add Identity
    /// (<c>AddIdentityCore&lt;ApplicationUser&gt;</c> with the EF stores: the web app does).
    /// </summary>
    public static IServiceCollection AddUpwardMobilityCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddUpwardMobilityData(configuration, contentRoot);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DataVersion>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<Accounts.SignInLockout>();

        // Catalog, geographies and the demo data set.
        services.AddSingleton<CatalogSync>();
        services.AddSingleton<CountyListLoader>();
        services.AddSingleton<CityListLoader>();
        services.AddSingleton<GeographyRelationsLoader>();
        services.AddSingleton<GeographyLookup>();
        services.AddSingleton<DemoDataSeeder>();

        // Reading: the county directory caches the county list; the distribution cache holds every metric's values.
        services.AddSingleton<CountyDistributionCache>();
        services.AddSingleton<Sources.DataStampService>();
        services.AddSingleton<CountyDirectoryService>();
        services.AddSingleton<CountyProfileService>();
        services.AddSingleton<Cities.CountyCityLinks>();
        services.AddSingleton<Cities.CityOverviewService>();
        services.AddSingleton<CountyDataExport>();
        services.AddSingleton<CountyDashboardService>();
        services.AddSingleton<PeerSuggestions>();
        services.AddSingleton<MetricDetailService>();
        services.AddSingleton<MetricCrossSectionService>();
        services.AddSingleton<CountyComparisonService>();
        services.AddSingleton<PeerGroupService>();

        // Writing: imports, plans, administration.
        services.AddSingleton<ImportLock>();
        services.AddSingleton<MetricImportService>();
        services.AddSingleton<ImportHistoryService>();
        services.AddSingleton<PlannerAccess>();
        services.AddSingleton<ActionPlanService>();
        services.AddSingleton<CountyAdminService>();
        services.AddSingleton<CatalogAdminService>();
        services.AddScoped<AdminAccountService>();
        services.AddScoped<UserAdminService>();
        return services;
    }
}
