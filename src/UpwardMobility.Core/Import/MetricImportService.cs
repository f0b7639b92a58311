using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Import;

/// <summary>
/// Imports one Mobility Metrics CSV file in one transaction: validate while streaming, then write straight into the
/// values table (metrics with nothing stored) or stage and merge. A file with rejected rows keeps nothing unless the
/// analyst accepts its valid rows; a dry run keeps nothing (both are rolled back after the report is complete).
/// </summary>
public sealed class MetricImportService(IDbContextFactory<AppDbContext> dbFactory, ILogger<MetricImportService> logger)
{
    public static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web);

    public async Task<ImportReport> ImportFileAsync(string path, string fileName, ImportOptions options,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var report = new ImportReport { FileName = fileName };
        try
        {
            using (await ImportLock.EnterAsync(ct))
            {
                if (await RunAsync(path, options, report, progress, direct: true, ct) == Attempt.RetryThroughStaging)
                {
                    // Everything was rolled back; read again, staging every value, so the repeated lines are named.
                    report = new ImportReport { FileName = fileName };
                    await RunAsync(path, options, report, progress, direct: false, ct);
                }
            }
        }
        catch (FileNotFoundException)
        {
            Fail(report, "The file does not exist.");
        }
        catch (IOException ex) when (ex is not FileNotFoundException)
        {
            Fail(report, $"The file could not be read: {ex.Message}");
        }
        report.DurationMs = clock.ElapsedMilliseconds;
        logger.LogInformation("{Summary} ({Duration} ms)", report.Summary, report.DurationMs);
        return report;
    }

    private static void Fail(ImportReport report, string message)
    {
        report.Outcome = ImportOutcome.Failed;
        report.FatalError = message;
    }

    private enum Attempt
    {
        Done,
        RetryThroughStaging,
    }

    /// <param name="direct">Whether values of (metric, subgroup type) pairs with nothing stored may go straight into the values table.</param>
    private async Task<Attempt> RunAsync(string path, ImportOptions options, ImportReport report, IProgress<ImportProgress>? progress, bool direct, CancellationToken ct)
    {
        var fingerprint = await FileFingerprint.ComputeAsync(path, ct);
        report.Sha256 = fingerprint.Sha256;
        report.Encoding = fingerprint.EncodingName;
        var header = ReadHeader(path, fingerprint.Encoding);
        if (header is null)
        {
            Fail(report, fingerprint.Length == 0 ? "The file is empty." : "The file has no header row.");
            return Attempt.Done;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var catalog = await CatalogIndex.LoadAsync(db, ct);
        var map = ColumnMap.Build(header, catalog);
        report.GeographyKind = map.Kind.ToString();
        report.UnknownColumns = map.UnknownColumns;
        report.Metrics = map.Metrics.Select(m => new MappedMetric(m.Metric.Key, m.ValueName,
            m.Lower >= 0 ? map.Headers[m.Lower] : null, m.Upper >= 0 ? map.Headers[m.Upper] : null, m.Quality >= 0 ? map.Headers[m.Quality] : null)).ToList();
        foreach (var column in map.SupersededQualityColumns)
        {
            report.Warnings.Add($"Column '{column}' was not used: each metric it flags has a quality column of its own in this file.");
        }
        if (map.FatalError is not null)
        {
            Fail(report, map.FatalError);
            return Attempt.Done;
        }
        if (map.Year < 0 && options.Year is null)
        {
            Fail(report, "The file has no 'year' column, so the year of its values is unknown (Urban's 'recent' file is like this). Give the year explicitly (--year N on the command line, or the Year box on the import page).");
            return Attempt.Done;
        }
        if (map.Year >= 0 && options.Year is { } given)
        {
            report.Warnings.Add($"The file has a 'year' column; the year you gave ({given}) was not used.");
        }
        if (options.Year is { } y && (y < 1900 || y > 2100))
        {
            Fail(report, $"The year {y} is not a plausible data year.");
            return Attempt.Done;
        }

        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A failed save fails the whole import: no savepoint round trips around each save.
        db.Database.AutoSavepointsEnabled = false;
        await ImportLock.LockDatabaseAsync(db, ct);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // The key joins against metric_values read a table that sits in memory; at the default cost of a random
            // page the planner hashed the whole table (0.4 s per file) instead of probing its key index (a few ms).
            // A merge join on an index that covers only part of the key once compared 156 million row pairs (18 s):
            // these joins never need one.
            await db.Database.ExecuteSqlRawAsync("SET LOCAL random_page_cost = 1.1", ct);
            await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_mergejoin = off", ct);
        }

        var dataImport = new DataImport
        {
            FileName = report.FileName,
            Sha256 = report.Sha256,
            UserName = options.UserName,
            StartedAtUtc = DateTime.UtcNow,
            YearOverride = map.Year < 0 ? options.Year : null,
            AcceptedPartial = options.AcceptPartial,
        };
        db.Imports.Add(dataImport);
        await db.SaveChangesAsync(ct);
        report.DemoDataRemoved = await RemoveDemoDataAsync(db, ct);

        var geographies = await GeographyResolver.LoadAsync(db, ct);
        var store = new ValueStore(db.Database.GetDbConnection(), transaction.GetDbTransaction(), db.Provider);
        var reader = new UrbanCsvReader(path, fingerprint.Encoding, map, geographies, options, report);
        var metricIds = map.Metrics.Select(m => m.Metric.Id).Distinct().ToList();
        // Keys of a (metric, subgroup type) pair with nothing stored are new: they go straight into the values table,
        // the table's unique index being the check. Only the rest are staged and merged. The retry stages everything.
        var stored = direct && !options.StageEverything ? await store.StoredSubgroupTypesAsync(metricIds, ct) : null;
        var staging = stored is not { Count: 0 };
        // Called for every value: no set lookup (a string hash each) when nothing is stored.
        Func<StagedValue, bool> mayExist = stored switch
        {
            null => static _ => true,
            { Count: 0 } => static _ => false,
            _ => v => stored.Contains((v.MetricId, v.SubgroupType)),
        };
        if (staging)
        {
            await store.CreateStagingAsync(ct);
        }
        int inserted, staged;
        try
        {
            (inserted, staged) = store.InsertNewOrStage(dataImport.Id, ReadAhead.Of(reader.ReadValues(progress, ct), ct), mayExist, options.StagingBatch, ct);
        }
        catch (Exception ex) when (direct && ValueStore.IsDuplicateKey(ex))
        {
            // Rare (a file repeating a key): disposing the transaction rolls everything back.
            return Attempt.RetryThroughStaging;
        }
        var counts = new MergeCounts(inserted, 0, 0);
        Dictionary<int, int> idMap;
        if (staging)
        {
            await store.IndexStagingAsync(ct);
            var (duplicateLines, duplicateValues, examples) = await store.RemoveDuplicateLinesAsync(options.ExamplesPerReason, ct);
            reader.RejectDuplicates(duplicateLines, examples);
            report.ValuesRead -= duplicateValues;
            idMap = await CreateGeographiesAsync(db, store, geographies.NewGeographies, inValues: inserted > 0, inStaging: true, report, ct);
            var merged = await store.MergeAsync(dataImport.Id, staged - duplicateValues, ct);
            counts = merged with { Inserted = merged.Inserted + inserted };
            await store.DropStagingAsync(ct);
        }
        else
        {
            idMap = await CreateGeographiesAsync(db, store, geographies.NewGeographies, inValues: true, inStaging: false, report, ct);
        }
        report.ValuesInserted = counts.Inserted;
        report.ValuesReplaced = counts.Replaced;
        report.ValuesUnchanged = counts.Unchanged;

        // Everything is written before deciding, so a dry run reports exactly what the real run does; the
        // transaction is rolled back below when nothing is to be kept.
        report.PopulationsWritten = await WritePopulationsAsync(db, dataImport.Id, reader.Populations, idMap, report, ct);

        if (report.RowsRejected > 0 && !options.AcceptPartial)
        {
            report.Outcome = ImportOutcome.NotImported;
            return Attempt.Done; // disposing the transaction rolls everything back
        }
        if (options.DryRun)
        {
            report.Outcome = ImportOutcome.DryRun;
            return Attempt.Done;
        }

        report.Outcome = ImportOutcome.Imported;
        report.ImportId = dataImport.Id;
        dataImport.RowsRead = report.RowsRead;
        dataImport.RowsRejected = report.RowsRejected;
        dataImport.ValuesInserted = report.ValuesInserted;
        dataImport.ValuesReplaced = report.ValuesReplaced;
        dataImport.ValuesUnchanged = report.ValuesUnchanged;
        dataImport.DurationMs = (long)(DateTime.UtcNow - dataImport.StartedAtUtc).TotalMilliseconds;
        dataImport.ReportJson = JsonSerializer.Serialize(report, ReportJson);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Attempt.Done;
    }

    private static string[]? ReadHeader(string path, Encoding encoding)
    {
        using var reader = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null });
        while (parser.Read())
        {
            var record = parser.Record;
            if (record is { Length: > 0 } && !(record.Length == 1 && string.IsNullOrWhiteSpace(record[0])))
            {
                return record;
            }
        }
        return null;
    }

    /// <summary>The demo data set is only there until real data arrives.</summary>
    private static async Task<bool> RemoveDemoDataAsync(AppDbContext db, CancellationToken ct)
    {
        var demoIds = await db.Imports.Where(i => i.IsDemo && i.Status == ImportStatus.Committed).Select(i => i.Id).ToListAsync(ct);
        if (demoIds.Count == 0)
        {
            return false;
        }
        await db.MetricValues.Where(v => demoIds.Contains(v.ImportId)).ExecuteDeleteAsync(ct);
        await db.GeographyPopulations.Where(p => p.ImportId != null && demoIds.Contains(p.ImportId.Value)).ExecuteDeleteAsync(ct);
        var now = DateTime.UtcNow;
        await db.Imports.Where(i => demoIds.Contains(i.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ImportStatus.RolledBack).SetProperty(i => i.RolledBackAtUtc, now), ct);
        return true;
    }

    private static async Task<Dictionary<int, int>> CreateGeographiesAsync(AppDbContext db, ValueStore store,
        IReadOnlyCollection<GeographyResolver.Pending> pending, bool inValues, bool inStaging, ImportReport report, CancellationToken ct)
    {
        var idMap = new Dictionary<int, int>();
        if (pending.Count == 0)
        {
            return idMap;
        }
        var created = pending.OrderBy(p => p.Fips, StringComparer.Ordinal).Select(p => (p, new Geography
        {
            Kind = p.Kind,
            Fips = p.Fips,
            Name = p.Name,
            StateFips = p.StateFips,
            StateName = p.StateName,
            StateAbbr = UsStates.Find(p.StateFips)?.Abbr ?? "",
            NeedsReview = p.Placeholder,
        })).ToList();
        db.Geographies.AddRange(created.Select(c => c.Item2));
        await db.SaveChangesAsync(ct);
        foreach (var (p, geography) in created)
        {
            idMap[p.TemporaryId] = geography.Id;
            await store.RemapGeographyAsync(p.TemporaryId, geography.Id, inValues, inStaging, ct);
            report.NewGeographies.Add(new NewGeography(p.Kind.ToString(), p.Fips, p.Name, p.Placeholder));
        }
        return idMap;
    }

    private static async Task<int> WritePopulationsAsync(AppDbContext db, int importId,
        List<(int GeographyId, short Year, long Population, int Line)> rows, Dictionary<int, int> idMap, ImportReport report, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return 0;
        }
        var latest = new Dictionary<(int, short), long>();
        foreach (var (geographyId, year, population, line) in rows)
        {
            var id = geographyId < 0 ? idMap[geographyId] : geographyId;
            if (latest.TryGetValue((id, year), out var earlier) && earlier != population && report.Warnings.Count < 50)
            {
                report.Warnings.Add($"Line {line}: a second, different population for the same place and year; the later one was kept.");
            }
            latest[(id, year)] = population;
        }
        var store = new PopulationStore(db.Database.GetDbConnection(), db.Database.CurrentTransaction!.GetDbTransaction(), db.Provider);
        return await store.WriteAsync(importId, latest.Select(p => (p.Key.Item1, p.Key.Item2, p.Value)), ct);
    }
}
