using UpwardMobility.Core.Import;

namespace UpwardMobility.Web.Import;

/// <summary>The validation report as plain text, for the command line.</summary>
public static class ImportReportPrinter
{
    public static async Task PrintAsync(ImportReport report, TextWriter output)
    {
        await output.WriteLineAsync(report.Summary);
        if (report.Outcome == ImportOutcome.Failed)
        {
            return;
        }
        await output.WriteLineAsync($"  encoding {report.Encoding}, sha256 {report.Sha256}, {report.DurationMs:N0} ms");
        await output.WriteLineAsync($"  {report.RowsRead:N0} rows read, {report.ValuesRead:N0} values, {report.MissingCells:N0} empty cells, {report.RowsRejected:N0} rows rejected");
        if (report.Metrics.Count > 0)
        {
            await output.WriteLineAsync($"  metrics: {string.Join(", ", report.Metrics.Select(m => m.Metric))}");
        }
        if (report.PopulationsWritten > 0)
        {
            await output.WriteLineAsync($"  populations written: {report.PopulationsWritten:N0}");
        }
        if (report.UnknownColumns.Count > 0)
        {
            await output.WriteLineAsync($"  columns matching no catalog metric (not imported): {string.Join(", ", report.UnknownColumns)}{(report.UnknownColumnCount > report.UnknownColumns.Count ? $" and {report.UnknownColumnCount - report.UnknownColumns.Count:N0} more" : "")}");
        }
        foreach (var geography in report.NewGeographies)
        {
            await output.WriteLineAsync($"  new {geography.Kind.ToLowerInvariant()}: {geography.Fips} {geography.Name}{(geography.PlaceholderName ? " (placeholder name: an admin should name it)" : "")}");
        }
        foreach (var (reason, count) in report.RejectionCounts)
        {
            await output.WriteLineAsync($"  rejected for {reason.Text()}: {count:N0} row(s)");
        }
        foreach (var problem in report.Problems)
        {
            await output.WriteLineAsync($"    line {problem.Line}, column {problem.Column}{(problem.Text is null ? "" : $" '{problem.Text}'")}: {problem.Message}");
        }
        foreach (var warning in report.Warnings)
        {
            await output.WriteLineAsync($"  note: {warning}");
        }
        if (report.DemoDataRemoved)
        {
            await output.WriteLineAsync("  the synthetic demo data set was removed");
        }
    }
}
