using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Demo;
using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Core.Data;

public sealed record DataFiles(string CatalogPath, string CountiesPath)
{
    /// <summary>Urban's cities; with <see cref="CityPopulationsPath"/>, loaded when both are given.</summary>
    public string? CitiesPath { get; init; }
    public string? CityPopulationsPath { get; init; }

    /// <summary>County ↔ city and Connecticut county ↔ planning-region shares; loaded when both are given (after the cities).</summary>
    public string? CountyPlacesPath { get; init; }
    public string? CountySuccessionsPath { get; init; }

    public static DataFiles InFolder(string dataFolder) => new(
        Path.Combine(dataFolder, "catalog", "framework.json"),
        Path.Combine(dataFolder, "geo", "counties.csv"))
    {
        CitiesPath = Path.Combine(dataFolder, "geo", "cities.csv"),
        CityPopulationsPath = Path.Combine(dataFolder, "geo", "city-populations.csv"),
        CountyPlacesPath = Path.Combine(dataFolder, "geo", "county-places.csv"),
        CountySuccessionsPath = Path.Combine(dataFolder, "geo", "county-successions.csv"),
    };
}

/// <summary>Start-up: migrate, bring the catalog, county and city lists and their relationships up to date, seed demo data into an empty database.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<AppDbContext> dbFactory,
    CatalogSync catalogSync,
    CountyListLoader countyListLoader,
    CityListLoader cityListLoader,
    GeographyRelationsLoader relationsLoader,
    DemoDataSeeder demoSeeder,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(DataFiles files, bool seedDemo, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await db.Database.MigrateAsync(ct);
        }
        var catalogChanges = await catalogSync.SyncAsync(CatalogFile.Load(files.CatalogPath), ct);
        var counties = await countyListLoader.LoadAsync(files.CountiesPath, ct);
        logger.LogInformation("Catalog sync wrote {Changes} changes; {Counties} counties added", catalogChanges, counties);
        if (files is { CitiesPath: { } citiesPath, CityPopulationsPath: { } populationsPath })
        {
            var cities = await cityListLoader.LoadAsync(citiesPath, populationsPath, ct);
            logger.LogInformation("{Added} cities added, {Named} named, {Populations} city population figures written",
                cities.CitiesAdded, cities.CitiesNamed, cities.PopulationsWritten);
        }
        if (files is { CountyPlacesPath: { } placesPath, CountySuccessionsPath: { } successionsPath })
        {
            var relations = await relationsLoader.LoadAsync(placesPath, successionsPath, ct);
            logger.LogInformation("{Changes} county-city and county-succession rows written", relations);
        }
        if (seedDemo && await demoSeeder.SeedIfEmptyAsync(ct))
        {
            logger.LogInformation("Seeded synthetic demo data (the first real import removes it)");
        }
    }
}
