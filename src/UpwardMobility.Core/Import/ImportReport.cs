namespace UpwardMobility.Core.Import;

/// <summary>
/// Everything an analyst needs to decide about a file: what was read, what would change, what is wrong. Composed
/// once, from the results of the import's steps (see <see cref="MetricImportService"/>); stored as JSON with the import.
/// </summary>
public sealed record ImportReport
{
    public required string FileName { get; init; }
    public string Sha256 { get; init; } = "";
    public string Encoding { get; init; } = "";
    public ImportOutcome Outcome { get; init; }
    public string? FatalError { get; init; }
    public int? ImportId { get; init; }
    public string GeographyKind { get; init; } = "County";
    public int RowsRead { get; init; }
    public int RowsRejected { get; init; }
    public int ValuesRead { get; init; }
    public int MissingCells { get; init; }
    public int ValuesInserted { get; init; }
    public int ValuesReplaced { get; init; }
    public int ValuesUnchanged { get; init; }

    /// <summary>What kind of file this is (<see cref="Import.SourceKind"/>): its values' provenance and precedence.</summary>
    public SourceKind SourceKind { get; init; }

    /// <summary>Stored values that differ from this file's but were kept, because their file outranks this one.</summary>
    public int ValuesKept { get; init; }

    /// <summary>Which values were kept and why: "kept 2,771 values from … (a headline file), which outranks this file".</summary>
    public IReadOnlyList<string> Kept { get; init; } = [];
    public int PopulationsWritten { get; init; }
    public bool DemoDataRemoved { get; init; }
    public long DurationMs { get; init; }
    public IReadOnlyList<MappedMetric> Metrics { get; init; } = [];
    /// <summary>The first <see cref="MaxUnknownColumnsListed"/> columns that match no metric (the report stays small).</summary>
    public IReadOnlyList<string> UnknownColumns { get; init; } = [];

    /// <summary>Every column that matches no metric, listed or not.</summary>
    public int UnknownColumnCount { get; init; }

    public const int MaxUnknownColumnsListed = 50;
    public IReadOnlyList<NewGeography> NewGeographies { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Rejected rows by reason, with the first examples of each (line, column, text).</summary>
    public IReadOnlyDictionary<RejectionReason, int> RejectionCounts { get; init; } = new Dictionary<RejectionReason, int>();
    public IReadOnlyList<RowProblem> Problems { get; init; } = [];

    public bool HasRejections => RowsRejected > 0;

    /// <summary>" Read as a subgroup file; kept 2,771 values from … (a headline file), which outranks this file."</summary>
    private string KeptWords => Kept.Count == 0 ? "" : $" Read as {SourceKinds.FileWords(SourceKind)}; {string.Join("; ", Kept)}.";

    public string Summary => Outcome switch
    {
        ImportOutcome.Failed => $"{FileName}: not imported. {FatalError}",
        ImportOutcome.NotImported when RowsRejected >= RowsRead => $"{FileName}: not imported: all {RowsRead:N0} rows rejected, so there is nothing to import (fix the file).",
        ImportOutcome.NotImported => $"{FileName}: not imported: {RowsRejected:N0} of {RowsRead:N0} rows rejected (choose to import the valid rows, or fix the file).",
        ImportOutcome.DryRun => $"{FileName}: dry run: {RowsRead:N0} rows, {ValuesInserted:N0} values would be inserted, {ValuesReplaced:N0} replaced, {ValuesUnchanged:N0} unchanged, {RowsRejected:N0} rows rejected.{KeptWords}",
        _ => $"{FileName}: imported: {RowsRead:N0} rows, {ValuesInserted:N0} values inserted, {ValuesReplaced:N0} replaced, {ValuesUnchanged:N0} unchanged, {RowsRejected:N0} rows rejected.{KeptWords}",
    };
}
