using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Import;

public sealed record ImportHistoryRow(
    int Id, string FileName, string Sha256, string? UserName, DateTime StartedAtUtc, long DurationMs, ImportStatus Status, bool IsDemo,
    int RowsRead, int RowsRejected, int ValuesInserted, int ValuesReplaced, int ValuesUnchanged, DateTime? RolledBackAtUtc, string? RolledBackBy);

public sealed record RollbackResult(bool Done, string Message, int ValuesRemoved = 0, int ValuesRestored = 0);

/// <summary>The record of imports, and rollback: remove what an import added and restore exactly what it replaced.</summary>
public sealed class ImportHistoryService(IDbContextFactory<AppDbContext> dbFactory, ImportLock? importLock = null)
{
    public async Task<List<ImportHistoryRow>> ListAsync(int take = 200, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Imports.AsNoTracking()
            .OrderByDescending(i => i.Id)
            .Take(take)
            .Select(i => new ImportHistoryRow(i.Id, i.FileName, i.Sha256, i.UserName, i.StartedAtUtc, i.DurationMs, i.Status, i.IsDemo,
                i.RowsRead, i.RowsRejected, i.ValuesInserted, i.ValuesReplaced, i.ValuesUnchanged, i.RolledBackAtUtc, i.RolledBackBy))
            .ToListAsync(ct);
    }

    public async Task<string?> ReportJsonAsync(int importId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Imports.AsNoTracking().Where(i => i.Id == importId).Select(i => i.ReportJson).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Values a later import has since replaced stay as they are; that later import's own record of what it
    /// replaced is re-pointed at what this import had replaced, so rolling it back later stays exact too.
    /// </summary>
    public async Task<RollbackResult> RollbackAsync(int importId, string? userName, CancellationToken ct = default)
    {
        using var exclusive = await (importLock ?? ImportLock.Unregistered).EnterAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ImportLock.LockDatabaseAsync(db, ct);
        var import = await db.Imports.FirstOrDefaultAsync(i => i.Id == importId, ct);
        if (import is null)
        {
            return new RollbackResult(false, $"There is no import {importId}.");
        }
        if (import.Status == ImportStatus.RolledBack)
        {
            return new RollbackResult(false, $"Import {importId} ({import.FileName}) was already rolled back.");
        }
        if (import.IsDemo)
        {
            return new RollbackResult(false, "The demo data set is removed by the first real import, not rolled back.");
        }

        // 1. Later imports that replaced values written by this one now "replaced" what this one had replaced.
        var chained = await (
            from later in db.ReplacedMetricValues
            where later.PreviousImportId == importId && later.ImportId != importId
            select later).ToListAsync(ct);
        if (chained.Count > 0)
        {
            var mine = await db.ReplacedMetricValues.AsNoTracking().Where(r => r.ImportId == importId).ToListAsync(ct);
            var byKey = mine.ToDictionary(Key);
            foreach (var later in chained)
            {
                if (byKey.TryGetValue(Key(later), out var before))
                {
                    (later.Value, later.LowerBound, later.UpperBound, later.Quality, later.ValueText, later.PreviousImportId) =
                        (before.Value, before.LowerBound, before.UpperBound, before.Quality, before.ValueText, before.PreviousImportId);
                }
                else
                {
                    db.ReplacedMetricValues.Remove(later); // this import had added the value: rolling the later one back removes it
                }
            }
            await db.SaveChangesAsync(ct);
        }

        // 2. Remove what this import wrote, then restore what it replaced where nothing newer took the place.
        var removed = await db.MetricValues.Where(v => v.ImportId == importId).ExecuteDeleteAsync(ct);
        var restored = await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO metric_values (geography_id, metric_id, year, subgroup_type, subgroup, value, lower_bound, upper_bound, quality, value_text, import_id)
            SELECT r.geography_id, r.metric_id, r.year, r.subgroup_type, r.subgroup, r.value, r.lower_bound, r.upper_bound, r.quality, r.value_text, r.previous_import_id
            FROM replaced_metric_values r
            WHERE r.import_id = {0} AND NOT EXISTS (
              SELECT 1 FROM metric_values v WHERE v.geography_id = r.geography_id AND v.metric_id = r.metric_id AND v.year = r.year
                AND v.subgroup_type = r.subgroup_type AND v.subgroup = r.subgroup)
            """, [importId], ct);
        await RollbackPopulationsAsync(db, importId, ct);
        await db.ReplacedMetricValues.Where(r => r.ImportId == importId).ExecuteDeleteAsync(ct);

        import.Status = ImportStatus.RolledBack;
        import.RolledBackAtUtc = DateTime.UtcNow;
        import.RolledBackBy = userName;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new RollbackResult(true, $"Rolled back import {importId} ({import.FileName}): {removed:N0} values removed, {restored:N0} restored.", removed, restored);
    }

    private static async Task RollbackPopulationsAsync(AppDbContext db, int importId, CancellationToken ct)
    {
        var replaced = await db.ReplacedPopulations.Where(r => r.ImportId == importId).ToListAsync(ct);

        // As for values: later imports that replaced a figure this one wrote now "replaced" what this one had
        // replaced, or nothing if this one added the figure; else rolling them back later would bring this one's back.
        var chained = await db.ReplacedPopulations.Where(r => r.PreviousImportId == importId && r.ImportId != importId).ToListAsync(ct);
        if (chained.Count > 0)
        {
            var mine = replaced.ToDictionary(r => (r.GeographyId, r.Year));
            foreach (var later in chained)
            {
                if (mine.TryGetValue((later.GeographyId, later.Year), out var before))
                {
                    (later.Population, later.PreviousImportId) = (before.Population, before.PreviousImportId);
                }
                else
                {
                    db.ReplacedPopulations.Remove(later);
                }
            }
        }

        await db.GeographyPopulations.Where(p => p.ImportId == importId).ExecuteDeleteAsync(ct);
        var ids = replaced.Select(r => r.GeographyId).Distinct().ToList();
        var current = (await db.GeographyPopulations.AsNoTracking().Where(p => ids.Contains(p.GeographyId))
            .Select(p => new { p.GeographyId, p.Year }).ToListAsync(ct)).Select(p => (p.GeographyId, p.Year)).ToHashSet();
        foreach (var r in replaced.Where(r => !current.Contains((r.GeographyId, r.Year))))
        {
            db.GeographyPopulations.Add(new GeographyPopulation { GeographyId = r.GeographyId, Year = r.Year, Population = r.Population, ImportId = r.PreviousImportId });
        }
        db.ReplacedPopulations.RemoveRange(replaced);
        await db.SaveChangesAsync(ct);
    }

    private static (int, int, short, string, string) Key(ReplacedMetricValue r) => (r.GeographyId, r.MetricId, r.Year, r.SubgroupType, r.Subgroup);
}
