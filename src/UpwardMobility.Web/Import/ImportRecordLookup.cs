using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;

namespace UpwardMobility.Web.Import;

/// <summary>Reads one import's record and report for <c>/import/history/{id}</c>.</summary>
public static class ImportRecordLookup
{
    public static async Task<ImportRecord?> FindAsync(IDbContextFactory<AppDbContext> dbFactory, int importId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Imports.AsNoTracking()
            .Where(i => i.Id == importId)
            .Select(i => new
            {
                Row = new ImportHistoryRow(i.Id, i.FileName, i.Sha256, i.UserName, i.StartedAtUtc, i.DurationMs, i.Status, i.IsDemo,
                    i.RowsRead, i.RowsRejected, i.ValuesInserted, i.ValuesReplaced, i.ValuesUnchanged, i.RolledBackAtUtc, i.RolledBackBy),
                i.ReportJson,
            })
            .FirstOrDefaultAsync(ct);
        return found is null ? null : new ImportRecord(found.Row, ParseReport(found.ReportJson));
    }

    /// <summary>The stored report, or null when there is none or it cannot be read.</summary>
    public static ImportReport? ParseReport(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<ImportReport>(json, MetricImportService.ReportJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
