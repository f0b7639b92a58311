using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;

namespace UpwardMobility.Core.Audit;

/// <summary>Audit entries of the import paths (the import page, the <c>import</c> verb, the history's rollback).</summary>
public sealed partial class AuditLog
{
    /// <summary>
    /// Adds the entry of a committed import to the import's own context, so it is committed in the import's
    /// transaction (see <see cref="ImportTransaction"/>); dry runs and files not imported change nothing and have none.
    /// </summary>
    public AuditEntry AddImportCommitted(AppDbContext db, ImportReport report, string? userName) =>
        Add(db, userName, AuditActions.ImportCommit, "import", report.ImportId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            after: new
            {
                report.FileName,
                report.Sha256,
                report.RowsRead,
                report.RowsRejected,
                report.ValuesInserted,
                report.ValuesReplaced,
                report.ValuesUnchanged,
                report.PopulationsWritten,
                NewGeographies = report.NewGeographies.Select(g => g.Fips),
                report.DemoDataRemoved,
            },
            details: report.FileName);

    /// <summary>Records a rollback that was done (a refused one changed nothing).</summary>
    public async Task ImportRolledBackAsync(int importId, RollbackResult result, string? userName)
    {
        if (!result.Done)
        {
            return;
        }
        await WriteAsync(userName, AuditActions.ImportRollback, "import", importId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            before: new { Status = "Committed" },
            after: new { Status = "RolledBack", result.ValuesRemoved, result.ValuesRestored },
            details: result.Message, ct: CancellationToken.None);
    }
}
