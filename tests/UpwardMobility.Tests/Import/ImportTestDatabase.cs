using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Import;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Import;

/// <summary>
/// A fresh, migrated test database with the metric catalog and the bundled county list loaded: what an import
/// needs. Gives the import and history services, and snapshots of everything an import may touch.
/// </summary>
public sealed class ImportTestDatabase : IAsyncDisposable
{
    private ImportTestDatabase(TestDatabase database)
    {
        Database = database;
        Importer = new MetricImportService(database.Factory, NullLogger<MetricImportService>.Instance);
        History = new ImportHistoryService(database.Factory);
    }

    public TestDatabase Database { get; }
    public DatabaseProvider Provider => Database.Provider;
    public IDbContextFactory<AppDbContext> Factory => Database.Factory;
    public MetricImportService Importer { get; }
    public ImportHistoryService History { get; }

    public static string CatalogPath => Path.Combine(TestEnvironment.RepoRoot, "data", "catalog", "framework.json");
    public static string CountiesPath => Path.Combine(TestEnvironment.RepoRoot, "data", "geo", "counties.csv");

    /// <summary>A bundled file of <c>data/geo</c> (cities.csv, county-places.csv, …).</summary>
    public static string GeoPath(string file) => Path.Combine(TestEnvironment.RepoRoot, "data", "geo", file);

    /// <param name="withCities">Also load the city list and the county ↔ city and Connecticut crosswalks, as start-up does.</param>
    public static async Task<ImportTestDatabase> CreateAsync(DatabaseProvider provider, bool withCities = false)
    {
        var database = await TestDatabase.CreateAsync(provider);
        try
        {
            await new CatalogSync(database.Factory).SyncAsync(CatalogFile.Load(CatalogPath));
            await new CountyListLoader(database.Factory).LoadAsync(CountiesPath);
            if (withCities)
            {
                await new CityListLoader(database.Factory).LoadAsync(GeoPath("cities.csv"), GeoPath("city-populations.csv"));
                await new GeographyRelationsLoader(database.Factory).LoadAsync(GeoPath("county-places.csv"), GeoPath("county-successions.csv"));
            }
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
        return new ImportTestDatabase(database);
    }

    public AppDbContext CreateContext() => Database.CreateContext();

    public Task<ImportReport> ImportAsync(string path, ImportOptions? options = null, IProgress<ImportProgress>? progress = null,
        CancellationToken ct = default) =>
        Importer.ImportFileAsync(path, Path.GetFileName(path), options ?? new ImportOptions(), progress, ct);

    /// <summary>Imports a file and fails the test with the report's own words unless it was imported with no rejected row.</summary>
    public async Task<ImportReport> ImportCleanlyAsync(string path, ImportOptions? options = null)
    {
        var report = await ImportAsync(path, options);
        AssertCleanImport(report);
        return report;
    }

    public static void AssertCleanImport(ImportReport report)
    {
        Assert.True(report.Outcome == ImportOutcome.Imported && report.RowsRejected == 0,
            $"{report.Summary}\nFatal: {report.FatalError}\nProblems:\n" + string.Join("\n", report.Problems.Take(10)));
        Assert.Empty(report.Problems);
        Assert.NotNull(report.ImportId);
    }

    public async Task<int> MetricIdAsync(string key)
    {
        await using var db = CreateContext();
        return await db.Metrics.Where(m => m.Key == key).Select(m => m.Id).SingleAsync();
    }

    public async Task<Dictionary<int, string>> MetricKeysAsync()
    {
        await using var db = CreateContext();
        return await db.Metrics.ToDictionaryAsync(m => m.Id, m => m.Key);
    }

    public async Task<Geography> GeographyAsync(string fips, GeographyKind kind = GeographyKind.County)
    {
        await using var db = CreateContext();
        return await db.Geographies.AsNoTracking().Include(g => g.Populations).SingleAsync(g => g.Kind == kind && g.Fips == fips);
    }

    /// <summary>Every stored value of one county (or city), keyed by metric key, year, subgroup type and subgroup.</summary>
    public async Task<Dictionary<ValueKey, StoredValue>> ValuesOfAsync(string fips, GeographyKind kind = GeographyKind.County)
    {
        await using var db = CreateContext();
        var rows = await (
            from v in db.MetricValues.AsNoTracking()
            join g in db.Geographies on v.GeographyId equals g.Id
            join m in db.Metrics on v.MetricId equals m.Id
            where g.Fips == fips && g.Kind == kind
            select new { g.Fips, m.Key, v.Year, v.SubgroupType, v.Subgroup, v.Value, v.LowerBound, v.UpperBound, v.Quality, v.ValueText })
            .ToListAsync();
        return rows.ToDictionary(
            r => new ValueKey(r.Fips, r.Key, r.Year, r.SubgroupType, r.Subgroup),
            r => new StoredValue(r.Value, r.LowerBound, r.UpperBound, r.Quality, r.ValueText));
    }

    public async Task<StoredValue> ValueAsync(string fips, string metric, int year, string subgroupType = Subgroups.AllType, string subgroup = Subgroups.All)
    {
        var all = await ValuesOfAsync(fips, fips.Length == 7 ? GeographyKind.City : GeographyKind.County);
        var key = new ValueKey(fips, metric, (short)year, subgroupType, subgroup);
        Assert.True(all.TryGetValue(key, out var value), $"No value stored for {key}.");
        return value!;
    }

    public async Task<int> CountValuesAsync()
    {
        await using var db = CreateContext();
        return await db.MetricValues.CountAsync();
    }

    /// <summary>
    /// Everything an import writes, in a comparable form: values (with the import that wrote each), geographies,
    /// populations and the rollback records. Surrogate ids of values are left out; they are not data.
    /// </summary>
    public async Task<DatabaseSnapshot> SnapshotAsync()
    {
        await using var db = CreateContext();
        var values = await db.MetricValues.AsNoTracking()
            .Select(v => new SnapshotValue(v.GeographyId, v.MetricId, v.Year, v.SubgroupType, v.Subgroup, v.Value, v.LowerBound, v.UpperBound, v.Quality, v.ValueText, v.ImportId))
            .ToListAsync();
        values.Sort();
        var geographies = await db.Geographies.AsNoTracking()
            .Select(g => new SnapshotGeography(g.Id, g.Kind, g.Fips, g.Name, g.StateFips, g.StateName, g.NeedsReview, g.Historical))
            .ToListAsync();
        geographies.Sort();
        var populations = await db.GeographyPopulations.AsNoTracking()
            .Select(p => new SnapshotPopulation(p.GeographyId, p.Year, p.Population, p.ImportId))
            .ToListAsync();
        populations.Sort();
        var replaced = await db.ReplacedMetricValues.CountAsync();
        var replacedPopulations = await db.ReplacedPopulations.CountAsync();
        return new DatabaseSnapshot(values, geographies, populations, replaced, replacedPopulations);
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}

/// <summary>A class fixture: one fresh import database per test class (tests of a class share it, one at a time).</summary>
public abstract class ImportDatabaseFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public ImportTestDatabase Db { get; private set; } = null!;

    public async Task InitializeAsync() => Db = await ImportTestDatabase.CreateAsync(provider);

    public async Task DisposeAsync()
    {
        if (Db is not null)
        {
            await Db.DisposeAsync();
        }
    }
}

public readonly record struct ValueKey(string Fips, string Metric, short Year, string SubgroupType, string Subgroup);

public sealed record StoredValue(double? Value, double? LowerBound, double? UpperBound, DataQuality Quality, string? ValueText);

public readonly record struct SnapshotValue(
    int GeographyId, int MetricId, short Year, string SubgroupType, string Subgroup,
    double? Value, double? LowerBound, double? UpperBound, DataQuality Quality, string? ValueText, int ImportId) : IComparable<SnapshotValue>
{
    public int CompareTo(SnapshotValue other)
    {
        var c = GeographyId.CompareTo(other.GeographyId);
        if (c == 0) c = MetricId.CompareTo(other.MetricId);
        if (c == 0) c = Year.CompareTo(other.Year);
        if (c == 0) c = string.CompareOrdinal(SubgroupType, other.SubgroupType);
        if (c == 0) c = string.CompareOrdinal(Subgroup, other.Subgroup);
        return c;
    }

    /// <summary>The same value without the import that wrote it.</summary>
    public SnapshotValue WithoutImport() => this with { ImportId = 0 };
}

public readonly record struct SnapshotGeography(int Id, GeographyKind Kind, string Fips, string Name, string StateFips, string StateName, bool NeedsReview, bool Historical)
    : IComparable<SnapshotGeography>
{
    public int CompareTo(SnapshotGeography other) => Id.CompareTo(other.Id);
}

public readonly record struct SnapshotPopulation(int GeographyId, short Year, long Population, int? ImportId) : IComparable<SnapshotPopulation>
{
    public int CompareTo(SnapshotPopulation other)
    {
        var c = GeographyId.CompareTo(other.GeographyId);
        return c != 0 ? c : Year.CompareTo(other.Year);
    }
}

public sealed record DatabaseSnapshot(
    List<SnapshotValue> Values, List<SnapshotGeography> Geographies, List<SnapshotPopulation> Populations, int ReplacedValueRecords, int ReplacedPopulationRecords)
{
    /// <summary>Asserts two snapshots hold the same data, naming the first difference (a plain Equal on 100,000 rows says little).</summary>
    public void AssertSameAs(DatabaseSnapshot expected, string because = "", bool compareImportIds = true, bool compareRollbackRecords = true)
    {
        AssertSameList(expected.Values.Select(v => compareImportIds ? v : v.WithoutImport()).ToList(),
            Values.Select(v => compareImportIds ? v : v.WithoutImport()).ToList(), "metric_values", because);
        AssertSameList(expected.Geographies, Geographies, "geographies", because);
        AssertSameList(expected.Populations.Select(p => compareImportIds ? p : p with { ImportId = null }).ToList(),
            Populations.Select(p => compareImportIds ? p : p with { ImportId = null }).ToList(), "geography_populations", because);
        if (compareRollbackRecords)
        {
            Assert.True(expected.ReplacedValueRecords == ReplacedValueRecords,
                $"replaced_metric_values: expected {expected.ReplacedValueRecords} rows, found {ReplacedValueRecords}. {because}");
            Assert.True(expected.ReplacedPopulationRecords == ReplacedPopulationRecords,
                $"replaced_populations: expected {expected.ReplacedPopulationRecords} rows, found {ReplacedPopulationRecords}. {because}");
        }
    }

    private static void AssertSameList<T>(List<T> expected, List<T> actual, string table, string because)
    {
        var n = Math.Min(expected.Count, actual.Count);
        for (var i = 0; i < n; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(expected[i], actual[i]))
            {
                Assert.Fail($"{table} differs at row {i}: expected {expected[i]}, found {actual[i]}. {because}");
            }
        }
        Assert.True(expected.Count == actual.Count,
            $"{table}: expected {expected.Count} rows, found {actual.Count}" +
            (actual.Count > n ? $"; first extra: {actual[n]}" : expected.Count > n ? $"; first missing: {expected[n]}" : "") + $". {because}");
    }
}
