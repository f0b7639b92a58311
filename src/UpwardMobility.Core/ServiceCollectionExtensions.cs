using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Demo;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Import;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>The database, catalog, geography and demo services every host (web, CLI, tests) needs.</summary>
    public static IServiceCollection AddUpwardMobilityCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddUpwardMobilityData(configuration, contentRoot);
        services.AddSingleton<CatalogSync>();
        services.AddSingleton<CountyListLoader>();
        services.AddSingleton<CityListLoader>();
        services.AddSingleton<GeographyRelationsLoader>();
        services.AddSingleton<DemoDataSeeder>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<DataVersion>();
        services.AddSingleton<CountyDistributionCache>();
        services.AddSingleton<Sources.DataStampService>();
        services.AddSingleton<MetricImportService>();
        services.AddSingleton<ImportHistoryService>();
        return services;
    }
}
