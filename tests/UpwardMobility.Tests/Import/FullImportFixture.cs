using System.Diagnostics;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;

namespace UpwardMobility.Tests.Import;

/// <summary>
/// One database per provider holding every real file (but the year-less recent one), imported once, in
/// <see cref="UrbanSource.AllFiles"/> order, and shared by the tests of a class. Reports are kept per file.
/// </summary>
public abstract class FullImportFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private ImportTestDatabase? database;

    public DatabaseProvider Provider { get; } = provider;
    public ImportTestDatabase Db => database ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>Each file's report, by path relative to the Urban data folder.</summary>
    public Dictionary<string, ImportReport> Reports { get; } = [];
    public TimeSpan ImportTime { get; private set; }

    public async Task InitializeAsync()
    {
        database = await ImportTestDatabase.CreateAsync(Provider);
        var clock = Stopwatch.StartNew();
        foreach (var file in UrbanSource.AllFiles)
        {
            Reports[file] = await database.ImportAsync(UrbanSource.PathOf(file), new ImportOptions { UserName = "fixture" });
        }
        ImportTime = clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}

public sealed class PostgresFullImportFixture() : FullImportFixture(DatabaseProvider.Postgres);

public sealed class SqliteFullImportFixture() : FullImportFixture(DatabaseProvider.Sqlite);
