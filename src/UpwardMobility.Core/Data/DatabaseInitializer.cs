using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Demo;
using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Core.Data;

public sealed record DataFiles(string CatalogPath, string CountiesPath)
{
    public static DataFiles InFolder(string dataFolder) => new(
        Path.Combine(dataFolder, "catalog", "framework.json"),
        Path.Combine(dataFolder, "geo", "counties.csv"));
}

/// <summary>Start-up: migrate, bring the catalog and county list up to date, seed demo data into an empty database.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<AppDbContext> dbFactory,
    CatalogSync catalogSync,
    CountyListLoader countyListLoader,
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
        if (seedDemo && await demoSeeder.SeedIfEmptyAsync(ct))
        {
            logger.LogInformation("Seeded synthetic demo data (the first real import removes it)");
        }
    }
}
