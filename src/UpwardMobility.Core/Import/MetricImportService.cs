using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using UpwardMobility.Core.Audit;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Core.Import;

/// <summary>
/// Imports one Mobility Metrics CSV file, as a pipeline of steps that each return their own result:
/// <list type="number">
/// <item><see cref="HeaderReader"/>: fingerprint, header, column map, year (a refused file opens no transaction);</item>
/// <item><see cref="UrbanCsvReader"/>: stream and validate the rows (on a second thread, <see cref="ReadAhead"/>);</item>
/// <item><see cref="ValueWriter"/>: write each value by its <see cref="ValueRoute"/>, straight into the values table or into the <see cref="StagingTable"/>;</item>
/// <item><see cref="StagingTable"/>: remove repeated lines, then merge (and the <see cref="PopulationWriter"/> after);</item>
/// <item>finish: decide the outcome from the results and either commit (<see cref="ImportTransaction.CommitAsync"/>, with the audit entry) or roll back.</item>
/// </list>
/// Everything is written in one transaction before deciding, so a dry run reports exactly what the real run does.
/// </summary>
public sealed class MetricImportService(IDbContextFactory<AppDbContext> dbFactory, ILogger<MetricImportService> logger, AuditLog? audit = null, ImportLock? importLock = null)
{
    public static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly AuditLog audit = audit ?? new AuditLog(dbFactory, TimeProvider.System);

    public async Task<ImportReport> ImportFileAsync(string path, string fileName, ImportOptions options,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        using var activity = ImportTelemetry.Source.StartActivity("import file");
        ImportReport report;
        try
        {
            using (await (importLock ?? ImportLock.Unregistered).EnterAsync(ct))
            {
                report = await ImportAsync(path, fileName, options, progress, clock, ct);
            }
        }
        catch (FileNotFoundException)
        {
            report = new ImportReport { FileName = fileName, Outcome = ImportOutcome.Failed, FatalError = "The file does not exist." };
        }
        catch (IOException ex) when (ex is not FileNotFoundException)
        {
            report = new ImportReport { FileName = fileName, Outcome = ImportOutcome.Failed, FatalError = $"The file could not be read: {ex.Message}" };
        }
        report = report with { DurationMs = clock.ElapsedMilliseconds };
        ImportTelemetry.Record(report);
        activity?.SetTag("upward_mobility.import.outcome", report.Outcome.ToString());
        logger.LogInformation("{Summary} ({Duration} ms)", report.Summary, report.DurationMs);
        return report;
    }

    private async Task<ImportReport> ImportAsync(string path, string fileName, ImportOptions options, IProgress<ImportProgress>? progress, Stopwatch clock, CancellationToken ct)
    {
        var header = await HeaderReader.ReadAsync(path, options, dbFactory, ct);
        if (header.FatalError is { } refused)
        {
            return Failed(fileName, header, refused);
        }
        // A key repeated inside the file fails the direct route on the unique index: everything was rolled back, and
        // the file is read again with every value staged, so the repeated lines are named.
        return await RunAsync(path, fileName, header, options, stageEverything: options.StageEverything, progress, clock, ct)
            ?? await RunAsync(path, fileName, header, options, stageEverything: true, progress, clock, ct)
            ?? throw new InvalidOperationException("Staging every value cannot meet a repeated key.");
    }

    /// <summary>Steps 2 to 5 in the import's transaction; null when a repeated key stopped the direct route.</summary>
    private async Task<ImportReport?> RunAsync(string path, string fileName, FileHeader header, ImportOptions options, bool stageEverything,
        IProgress<ImportProgress>? progress, Stopwatch clock, CancellationToken ct)
    {
        var map = header.Map!;
        await using var import = await ImportTransaction.BeginAsync(dbFactory, new DataImport
        {
            FileName = fileName,
            Sha256 = header.Fingerprint.Sha256,
            UserName = options.UserName,
            StartedAtUtc = DateTime.UtcNow,
            YearOverride = header.YearOverride,
            AcceptedPartial = options.AcceptPartial,
        }, ct);

        var route = stageEverything
            ? ValueRoute.StageAll
            : await ValueRoute.ChooseAsync(import.Transaction, map.Metrics.Select(m => m.Metric.Id).Distinct().ToList(), ct);
        var staging = route.Stages ? await StagingTable.CreateAsync(import.Transaction, import.Provider, ct) : null;
        var reader = new UrbanCsvReader(path, header, import.Geographies, options);
        WriteResult written;
        try
        {
            written = new ValueWriter(import.Connection, import.Transaction)
                .Write(import.ImportId, ReadAhead.Of(reader.ReadValues(progress, ct), ct), route, options.StagingBatch, ct);
        }
        catch (Exception ex) when (!stageEverything && ValueWriter.IsDuplicateKey(ex))
        {
            return null; // disposing the transaction rolls everything back
        }
        var read = reader.Result;
        if (read.FatalError is { } stopped)
        {
            return Failed(fileName, header, stopped); // disposing the transaction rolls everything back
        }
        if (read.RowsRead == 0)
        {
            return Failed(fileName, header, "The file has a header but no data rows: there is nothing to import.");
        }
        if (read.ValuesRead == 0 && read.Populations.Count == 0 && read.Rejections.Rows == 0)
        {
            return Failed(fileName, header,
                $"Every value in the file's {read.RowsRead:N0} rows is missing (NA or empty): there is nothing to import. Is this the file you meant?");
        }

        // Provenance: the file's kind decides, with the stored values' kinds, which value each key keeps.
        var kind = SourceKinds.Classify(fileName, map.Metrics.Select(m => m.Metric.Id).Distinct().Count(), map.Population >= 0, read.SubgroupRows);
        import.Record.SourceKind = kind;
        var repeated = staging is null ? RepeatedLines.None : await staging.RemoveRepeatedLinesAsync(options.ExamplesPerReason, ct);
        var merged = staging is null ? MergeCounts.None : await staging.MergeAsync(import.ImportId, written.Staged - repeated.Values, kind, ct);
        if (staging is not null)
        {
            await staging.DropAsync(ct);
        }
        var populations = await new PopulationWriter(import.Connection, import.Transaction, import.Provider)
            .WriteAsync(import.ImportId, read.Populations, kind, ct);

        var report = Compose(fileName, header, read, repeated, written, merged, populations, import.DemoDataRemoved) with { SourceKind = kind };
        var outcome = Decide(report, options);
        if (outcome != ImportOutcome.Imported)
        {
            return report with { Outcome = outcome, DemoDataRemoved = false }; // disposing the transaction rolls everything back
        }
        report = report with { Outcome = outcome, ImportId = import.ImportId, DurationMs = clock.ElapsedMilliseconds };
        return await import.CommitAsync(report, audit.AddImportCommitted(import.Db, report, options.UserName), ct);
    }

    /// <summary>Kept only with no rejected row, or when the analyst chose to keep the valid rows and there are some.</summary>
    private static ImportOutcome Decide(ImportReport report, ImportOptions options) => report switch
    {
        { RowsRejected: > 0 } when !options.AcceptPartial => ImportOutcome.NotImported,
        _ when report.RowsRejected >= report.RowsRead => ImportOutcome.NotImported,
        _ when options.DryRun => ImportOutcome.DryRun,
        _ => ImportOutcome.Imported,
    };

    /// <summary>The report from the steps' results: every count is written once, here.</summary>
    private static ImportReport Compose(string fileName, FileHeader header, ReadResult read, RepeatedLines repeated, WriteResult written,
        MergeCounts merged, PopulationResult populations, bool demoDataRemoved)
    {
        var rejectionCounts = new Dictionary<RejectionReason, int>(read.Rejections.Counts);
        if (repeated.Lines > 0)
        {
            rejectionCounts[RejectionReason.Duplicate] = rejectionCounts.GetValueOrDefault(RejectionReason.Duplicate) + repeated.Lines;
        }
        return Described(fileName, header) with
        {
            RowsRead = read.RowsRead,
            RowsRejected = read.Rejections.Rows + repeated.Lines,
            ValuesRead = read.ValuesRead - repeated.Values,
            MissingCells = read.MissingCells,
            ValuesInserted = written.Inserted + merged.Inserted,
            ValuesReplaced = merged.Replaced,
            ValuesUnchanged = merged.Unchanged,
            ValuesKept = merged.KeptCount,
            Kept = [.. (merged.Kept ?? []).Select(k => $"kept {k.Values:N0} values from {k.FileName} ({SourceKinds.FileWords(k.Kind)}), which outranks this file")],
            PopulationsWritten = populations.Written,
            DemoDataRemoved = demoDataRemoved,
            Warnings = [.. header.Warnings, .. populations.Warnings],
            RejectionCounts = rejectionCounts,
            Problems = [.. read.Rejections.Examples, .. repeated.Examples],
        };
    }

    private static ImportReport Failed(string fileName, FileHeader header, string error) =>
        Described(fileName, header) with { Outcome = ImportOutcome.Failed, FatalError = error };

    /// <summary>What the header says about the file, as every report shows it.</summary>
    private static ImportReport Described(string fileName, FileHeader header) => new()
    {
        FileName = fileName,
        Sha256 = header.Fingerprint.Sha256,
        Encoding = header.Fingerprint.EncodingName,
        GeographyKind = header.Map?.Kind.ToString() ?? "County",
        Metrics = header.MappedMetrics,
        UnknownColumns = header.Map?.UnknownColumns.Take(ImportReport.MaxUnknownColumnsListed).Select(ReportText.Clip).ToList() ?? [],
        UnknownColumnCount = header.Map?.UnknownColumns.Count ?? 0,
        Warnings = header.Warnings,
    };
}
