using UpwardMobility.Core.Import;

namespace UpwardMobility.Core.Audit;

/// <summary>Audit entries of the import paths (the import page, the <c>import</c> verb, the history's rollback).</summary>
public sealed partial class AuditLog
{
    // Written even when the page is being left: the change it records is already committed.
    /// <summary>Records a committed import; dry runs and files not imported are not changes and are not recorded.</summary>
    public async Task ImportCommittedAsync(ImportReport? report, string? userName)
    {
        if (report is not { Outcome: ImportOutcome.Imported, ImportId: { } id })
        {
            return;
        }
        await WriteAsync(userName, AuditActions.ImportCommit, "import", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
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
            details: report.FileName, ct: CancellationToken.None);
    }

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
