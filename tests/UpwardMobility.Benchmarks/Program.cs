using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using UpwardMobility.Benchmarks;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Import;
using UpwardMobility.Core.Metrics;

// Import benchmarks against PostgreSQL (docs/performance.md):
//   all DATA_DIR            import every CSV (except the year-less recent file) into a fresh database,
//                           then time PostgreSQL's own COPY of the same tidy values into a keyed table
//                           (BENCH_VERBOSE=1: a line per file)
//   parse DATA_DIR          only read and validate every file (no database writes): the parser's share
//   memory FILE [COPIES]    import one file in this process and report peak memory; with COPIES > 1 the file
//                           is first repeated as COPIES synthetic subgroups (a file COPIES times the size)
//   pages BASE_URL PATH...  page weight and time until charts are drawn in headless Chromium (first and repeat visit)
//   phone BASE_URL PATH...  the same on Lighthouse's phone profile (slow 4G, CPU 4× slower, 412 px touch screen)
if (args.Length >= 3 && args[0] is "pages" or "phone")
{
    return await PageTiming.RunAsync(args[1], args[2..], args[0] == "phone" ? PageTiming.Phone : PageTiming.Desktop);
}
var connection = Environment.GetEnvironmentVariable("UPWARD_TEST_POSTGRES")
    ?? throw new InvalidOperationException("Set UPWARD_TEST_POSTGRES (scripts/bench-import.sh does).");
var repoRoot = FindRepoRoot();
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: all DATA_DIR | warm DATA_DIR | memory FILE [COPIES] | pages BASE_URL PATH... | phone BASE_URL PATH...");
    return 2;
}

var databaseName = $"upward_bench_{Guid.NewGuid():N}";
await using (var admin = new NpgsqlConnection(connection))
{
    await admin.OpenAsync();
    await new NpgsqlCommand($"CREATE DATABASE {databaseName}", admin).ExecuteNonQueryAsync();
}
var builder = new NpgsqlConnectionStringBuilder(connection) { Database = databaseName };
var options = new DbContextOptionsBuilder<PostgresAppDbContext>();
DatabaseSetup.ConfigurePostgres(options, builder.ConnectionString);
var factory = new BenchFactory(options.Options);
try
{
    await using (var db = factory.CreateDbContext())
    {
        await db.Database.MigrateAsync();
    }
    await new CatalogSync(factory).SyncAsync(CatalogFile.Load(Path.Combine(repoRoot, "data", "catalog", "framework.json")));
    await new CountyListLoader(factory).LoadAsync(Path.Combine(repoRoot, "data", "geo", "counties.csv"));
    var importer = new MetricImportService(factory, NullLogger<MetricImportService>.Instance);
    return args[0] switch
    {
        "all" => await ImportAllAsync(importer, factory, args[1], builder.ConnectionString),
        "parse" => await ParseAsync(factory, args[1]),
        "memory" => await MemoryAsync(importer, args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1),
        "warm" => await WarmAsync(importer, factory, args[1]),
        _ => 2,
    };
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await using var admin = new NpgsqlConnection(connection);
    await admin.OpenAsync();
    await new NpgsqlCommand($"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)", admin).ExecuteNonQueryAsync();
}

static async Task<int> ImportAllAsync(MetricImportService importer, IDbContextFactory<AppDbContext> factory, string dataDir, string connection)
{
    var files = Directory.EnumerateFiles(dataDir, "*.csv", SearchOption.AllDirectories)
        .Where(f => !f.EndsWith("00_mobility-metrics_recent.csv", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal).ToList();
    var cpuBefore = CpuTime.Now();
    var clock = Stopwatch.StartNew();
    long values = 0;
    var verbose = Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1";
    foreach (var file in files)
    {
        var fileClock = Stopwatch.StartNew();
        var report = await importer.ImportFileAsync(file, Path.GetFileName(file), new ImportOptions { UserName = "bench" });
        if (verbose)
        {
            Console.WriteLine($"  {Path.GetFileName(file),-60} {report.ValuesRead,9:N0} values {report.ValuesInserted,9:N0} new {report.ValuesReplaced,7:N0} replaced  import {report.DurationMs / 1000.0,6:F2} s  total {fileClock.Elapsed.TotalSeconds,6:F2} s");
        }
        if (report.Outcome != ImportOutcome.Imported)
        {
            Console.Error.WriteLine(report.Summary);
            return 1;
        }
        values += report.ValuesRead;
    }
    var importSeconds = clock.Elapsed.TotalSeconds;
    var cpu = CpuTime.Now() - cpuBefore;
    Console.WriteLine($"import: {files.Count} files, {values:N0} values read, {importSeconds:F2} s, {values / importSeconds:N0} values/s");
    Console.WriteLine($"        CPU during the import: this process {cpu.Client:F2} s, PostgreSQL {cpu.Server:F2} s (of {Environment.ProcessorCount * importSeconds:F2} s on {Environment.ProcessorCount} cores)");

    // The limit to approach: COPY of the same values, already tidy, into a table with the same unique key.
    await using var conn = new NpgsqlConnection(connection);
    await conn.OpenAsync();
    var tidy = Path.Combine(Path.GetTempPath(), $"upward-tidy-{Guid.NewGuid():N}.csv");
    await Exec(conn, $"COPY (SELECT geography_id, metric_id, year, subgroup_type, subgroup, value, lower_bound, upper_bound, quality, value_text FROM metric_values) TO '{tidy}' (FORMAT csv)");
    var tidyRows = Convert.ToInt64(await new NpgsqlCommand("SELECT count(*) FROM metric_values", conn).ExecuteScalarAsync());
    await Exec(conn, "CREATE TABLE copy_baseline (id bigserial PRIMARY KEY, geography_id int NOT NULL, metric_id int NOT NULL, year smallint NOT NULL, subgroup_type varchar(100) NOT NULL, subgroup varchar(200) NOT NULL, value double precision, lower_bound double precision, upper_bound double precision, quality smallint NOT NULL, value_text varchar(100), UNIQUE (geography_id, metric_id, year, subgroup_type, subgroup))");
    // COPY three times (emptied in between) and compare with the median: on a shared machine one COPY can be
    // 30% off; all three are printed.
    var copies = new List<double>();
    for (var run = 0; run < 3; run++)
    {
        await Exec(conn, "TRUNCATE copy_baseline");
        var copyCpuBefore = CpuTime.Now();
        clock.Restart();
        await Exec(conn, $"COPY copy_baseline (geography_id, metric_id, year, subgroup_type, subgroup, value, lower_bound, upper_bound, quality, value_text) FROM '{tidy}' (FORMAT csv)");
        copies.Add(clock.Elapsed.TotalSeconds);
        Console.WriteLine($"copy:   {tidyRows:N0} tidy rows, {copies[^1]:F2} s, {tidyRows / copies[^1]:N0} rows/s (PostgreSQL CPU {(CpuTime.Now() - copyCpuBefore).Server:F2} s)");
    }
    File.Delete(tidy);
    var copySeconds = copies.Order().ElementAt(1);
    Console.WriteLine($"ratio:  import takes {importSeconds / copySeconds:F2}x the time of COPY (median of the three, {copySeconds:F2} s)");

    // Not part of the import: percentiles and medians are computed when pages first read them after a change.
    await using var db = factory.CreateDbContext();
    var metricIds = await db.Metrics.Select(m => m.Id).ToListAsync();
    var cache = new CountyDistributionCache(factory, new DataVersion(factory));
    clock.Restart();
    await cache.GetAsync(metricIds);
    Console.WriteLine($"first read after the import: county distributions of all {metricIds.Count} metrics in {clock.Elapsed.TotalSeconds:F2} s");
    return 0;
}

// Imports every file once, then times what DistributionWarmer does after a change: loading every metric's county
// distributions (with the benchmarks and import sets), five times with a fresh cache.
static async Task<int> WarmAsync(MetricImportService importer, IDbContextFactory<AppDbContext> factory, string dataDir)
{
    var files = Directory.EnumerateFiles(dataDir, "*.csv", SearchOption.AllDirectories)
        .Where(f => !f.EndsWith("00_mobility-metrics_recent.csv", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal).ToList();
    foreach (var file in files)
    {
        await importer.ImportFileAsync(file, Path.GetFileName(file), new ImportOptions { UserName = "bench", AcceptPartial = true }, null, default);
    }
    await using var db = factory.CreateDbContext();
    var metricIds = await db.Metrics.Select(m => m.Id).ToListAsync();
    var seconds = new List<double>();
    for (var i = 0; i < 5; i++)
    {
        var cache = new CountyDistributionCache(factory, new DataVersion(factory));
        var clock = Stopwatch.StartNew();
        await cache.GetAsync(metricIds);
        seconds.Add(clock.Elapsed.TotalSeconds);
    }
    Console.WriteLine($"warm: county distributions and benchmarks of all {metricIds.Count} metrics in {string.Join(", ", seconds.Select(s => s.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))} s (median {seconds.Order().ElementAt(2):F2} s)");
    return 0;
}

static async Task<int> ParseAsync(IDbContextFactory<AppDbContext> factory, string dataDir)
{
    var files = Directory.EnumerateFiles(dataDir, "*.csv", SearchOption.AllDirectories)
        .Where(f => !f.EndsWith("00_mobility-metrics_recent.csv", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal).ToList();
    await using var db = factory.CreateDbContext();
    var geographies = await GeographyResolver.LoadAsync(db, default);
    var clock = Stopwatch.StartNew();
    long values = 0;
    double hash = 0;
    foreach (var file in files)
    {
        var header = await HeaderReader.ReadAsync(file, new ImportOptions(), factory, default);
        var reader = new UrbanCsvReader(file, header, geographies, new ImportOptions());
        foreach (var v in reader.ReadValues(null, default))
        {
            values++;
            hash += v.Value ?? 0;
        }
    }
    Console.WriteLine($"parse: {files.Count} files, {values:N0} values, {clock.Elapsed.TotalSeconds:F2} s ({hash:G3})");
    return 0;
}

static async Task<int> MemoryAsync(MetricImportService importer, string file, int copies)
{
    var path = file;
    if (copies > 1)
    {
        path = Path.Combine(Path.GetTempPath(), $"upward-synthetic-{copies}x-{Path.GetFileName(file)}");
        await SyntheticFile.WriteAsync(file, path, copies);
    }
    try
    {
        var clock = Stopwatch.StartNew();
        var report = await importer.ImportFileAsync(path, Path.GetFileName(path), new ImportOptions { UserName = "bench" });
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"memory: {Path.GetFileName(path)} {new FileInfo(path).Length / 1048576.0:F1} MiB, {report.RowsRead:N0} rows, {report.ValuesRead:N0} values, {clock.Elapsed.TotalSeconds:F2} s, peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB, outcome {report.Outcome}");
        return report.Outcome == ImportOutcome.Imported ? 0 : 1;
    }
    finally
    {
        if (copies > 1)
        {
            File.Delete(path);
        }
    }
}

static async Task Exec(NpgsqlConnection conn, string sql)
{
    await using var command = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
    await command.ExecuteNonQueryAsync();
}

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "UpwardMobility.sln")))
        {
            return dir.FullName;
        }
    }
    throw new InvalidOperationException("Run from inside the repository.");
}

internal sealed class BenchFactory(DbContextOptions<PostgresAppDbContext> options) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext() => new PostgresAppDbContext(options);
}
