using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using UpwardMobility.Core.Audit;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Core.Import;

/// <summary>
/// The one database transaction an import runs in, from its record in <c>imports</c> to the commit that writes the
/// report and the audit entry with it. Disposing it without <see cref="CommitAsync"/> rolls everything back: a dry
/// run, a refused file, an error or a cancel leaves the database as it was (the demo data included).
/// </summary>
public sealed class ImportTransaction : IAsyncDisposable
{
    private readonly AppDbContext db;
    private readonly IDbContextTransaction transaction;

    private ImportTransaction(AppDbContext db, IDbContextTransaction transaction, DataImport record, bool demoDataRemoved, GeographyResolver geographies)
    {
        this.db = db;
        this.transaction = transaction;
        Record = record;
        DemoDataRemoved = demoDataRemoved;
        Geographies = geographies;
    }

    public AppDbContext Db => db;
    public DatabaseProvider Provider => db.Provider;
    public DbConnection Connection => db.Database.GetDbConnection();
    public DbTransaction Transaction => transaction.GetDbTransaction();

    /// <summary>This import's row in <c>imports</c>; its id is on every value written.</summary>
    public DataImport Record { get; }
    public int ImportId => Record.Id;

    /// <summary>The demo data set was removed (kept only if this transaction commits).</summary>
    public bool DemoDataRemoved { get; }

    /// <summary>Every known geography by FIPS code, and those this file names for the first time.</summary>
    public GeographyResolver Geographies { get; }

    /// <summary>Takes the import lock of the database, records the import, and removes the demo data set.</summary>
    public static async Task<ImportTransaction> BeginAsync(IDbContextFactory<AppDbContext> dbFactory, DataImport record, CancellationToken ct)
    {
        var db = await dbFactory.CreateDbContextAsync(ct);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            var transaction = await db.Database.BeginTransactionAsync(ct);
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
            db.Imports.Add(record);
            await db.SaveChangesAsync(ct);
            var demoDataRemoved = await RemoveDemoDataAsync(db, ct);
            var geographies = await GeographyResolver.LoadAsync(db, ct);
            return new ImportTransaction(db, transaction, record, demoDataRemoved, geographies);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Step 5 for a file that is kept: the import's counters and report, and its audit entry, are written and
    /// committed with its values, so no crash can leave an import without its record or its record without the import.
    /// </summary>
    public async Task<ImportReport> CommitAsync(ImportReport report, AuditEntry auditEntry, CancellationToken ct)
    {
        Record.RowsRead = report.RowsRead;
        Record.RowsRejected = report.RowsRejected;
        Record.ValuesInserted = report.ValuesInserted;
        Record.ValuesReplaced = report.ValuesReplaced;
        Record.ValuesUnchanged = report.ValuesUnchanged;
        Record.DurationMs = report.DurationMs;
        Record.ReportJson = JsonSerializer.Serialize(report, MetricImportService.ReportJson);
        db.AuditEntries.Add(auditEntry);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return report;
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await db.DisposeAsync();
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
}
