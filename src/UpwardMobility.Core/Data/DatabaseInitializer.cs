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

/// <summary>
/// Start-up: migrate, bring the catalog, county and city lists and their relationships up to date, seed demo data
/// into an empty database. On PostgreSQL all of it runs under a session advisory lock (the import lock's key), so
/// several instances starting at once on one database take turns: the first does the work, the others find it done.
/// It also waits for an import or rollback in progress, so the demo seed never judges a database "empty" while an
/// import is writing to it. A SQLite database belongs to one process.
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<AppDbContext> dbFactory,
    CatalogSync catalogSync,
    CountyListLoader countyListLoader,
    CityListLoader cityListLoader,
    GeographyRelationsLoader relationsLoader,
    DemoDataSeeder demoSeeder,
    ILogger<DatabaseInitializer> logger)
{
    /// <param name="alsoUnderLock">More start-up work that must not race another instance (the web app creates its first Data Protection key).</param>
    public async Task InitializeAsync(DataFiles files, bool seedDemo, CancellationToken ct = default, Func<CancellationToken, Task>? alsoUnderLock = null)
    {
        await using var lockHolder = await dbFactory.CreateDbContextAsync(ct);
        if (lockHolder.Provider == DatabaseProvider.Postgres)
        {
            await MissingPostgresDatabase.EnsureExistsAsync(lockHolder.Database.GetConnectionString()!, logger, ct);
            await lockHolder.Database.OpenConnectionAsync(ct);
            await lockHolder.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({StartupLockKey})", ct);
        }
        try
        {
            await InitializeLockedAsync(files, seedDemo, ct);
            if (alsoUnderLock is not null)
            {
                await alsoUnderLock(ct);
            }
        }
        finally
        {
            if (lockHolder.Provider == DatabaseProvider.Postgres)
            {
                // Closing the session would release it too; unlocking at once lets the next instance go on.
                await lockHolder.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({StartupLockKey})", CancellationToken.None);
                await lockHolder.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>The key of <see cref="Import.ImportLock"/>: start-up and imports exclude each other.</summary>
    public const long StartupLockKey = Import.ImportLock.AdvisoryLockKey;

    private async Task InitializeLockedAsync(DataFiles files, bool seedDemo, CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await RecreateIfMadeBeforeTheSquashAsync(db, ct);
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

    /// <summary>
    /// The migrations were squashed into one <c>Initial</c> per provider on 2026-12-02 (docs/operations.md). A database
    /// made before then knows migrations this build does not: a SQLite database holding no real import (the demo data
    /// a first <c>dotnet run</c> seeds) is deleted and made again; anything else stops start-up with what to do, since
    /// applying the new Initial over the old tables would fail halfway.
    /// </summary>
    private async Task RecreateIfMadeBeforeTheSquashAsync(AppDbContext db, CancellationToken ct)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await db.Database.GetAppliedMigrationsAsync(ct)).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count == 0)
        {
            return;
        }
        var realImports = await db.Imports.AnyAsync(i => !i.IsDemo, ct);
        if (db.Provider == DatabaseProvider.Sqlite && !realImports)
        {
            logger.LogWarning(
                "The SQLite database was made by an older build ({Migrations}) and holds only demo data: recreating it (accounts made in it are gone).",
                string.Join(", ", unknown));
            await db.Database.EnsureDeletedAsync(ct);
            return;
        }
        throw new InvalidOperationException(
            $"The database was made by an older build (migrations {string.Join(", ", unknown)}, squashed into one on 2026-12-02) and holds " +
            (realImports ? "real imports" : "data") + ". Start with an empty database and import the files again (docs/operations.md, \"Migrations\").");
    }
}
