using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;
using UpwardMobility.Tests.Import;

namespace UpwardMobility.Tests.Cities;

/// <summary>
/// One database per provider as start-up leaves it (catalog, counties, cities and their crosswalks), with every real
/// city file imported, plus the county employment file so county and city values of one metric sit side by side.
/// Shared by the tests of a class.
/// </summary>
public abstract class CityImportFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public const string CountyEmploymentFile = "components/metrics_employment_county_all_longitudinal.csv";

    private ImportTestDatabase? database;

    public DatabaseProvider Provider { get; } = provider;
    public ImportTestDatabase Db => database ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>Each city file's report, by file name.</summary>
    public Dictionary<string, ImportReport> Reports { get; } = [];
    public ImportReport CountyReport { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await ImportTestDatabase.CreateAsync(Provider, withCities: true);
        CountyReport = await database.ImportAsync(UrbanSource.PathOf(CountyEmploymentFile), new ImportOptions { UserName = "fixture" });
        foreach (var file in CitySource.AllFiles)
        {
            Reports[file] = await database.ImportAsync(CitySource.PathOf(file), new ImportOptions { UserName = "fixture" });
        }
    }

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}

public sealed class PostgresCityImportFixture() : CityImportFixture(DatabaseProvider.Postgres);

public sealed class SqliteCityImportFixture() : CityImportFixture(DatabaseProvider.Sqlite);
