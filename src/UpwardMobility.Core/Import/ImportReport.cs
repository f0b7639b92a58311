namespace UpwardMobility.Core.Import;

public enum ImportOutcome
{
    /// <summary>Validated only; nothing written.</summary>
    DryRun,

    /// <summary>Written and committed.</summary>
    Imported,

    /// <summary>Rows were rejected and partial import was not chosen; nothing written.</summary>
    NotImported,

    /// <summary>The file as a whole could not be read (no header, no year, no metric columns…); nothing written.</summary>
    Failed,
}

public sealed record ImportOptions
{
    public bool DryRun { get; init; }

    /// <summary>The year for files without a <c>year</c> column (Urban's "recent" file).</summary>
    public short? Year { get; init; }

    /// <summary>Import the valid rows of a file that has rejected rows.</summary>
    public bool AcceptPartial { get; init; }
    public string? UserName { get; init; }

    /// <summary>How many rejected-row examples the report keeps per reason.</summary>
    public int ExamplesPerReason { get; init; } = 20;

    /// <summary>Values that may already be stored wait in batches of this many for staging (tests make it small).</summary>
    internal int StagingBatch { get; init; } = 1 << 15;

    /// <summary>Stage and merge every value, as the retry after a repeated key does (tests compare the two routes).</summary>
    internal bool StageEverything { get; init; }
}

public sealed record RowProblem(int Line, string Column, string? Text, string Reason);

public sealed record NewGeography(string Kind, string Fips, string Name, bool PlaceholderName);

public sealed record MappedMetric(string Metric, string ValueColumn, string? LowerColumn, string? UpperColumn, string? QualityColumn);

public readonly record struct ImportProgress(int RowsRead, double RowsPerSecond);

/// <summary>Everything an analyst needs to decide about a file: what was read, what would change, what is wrong.</summary>
public sealed class ImportReport
{
    public required string FileName { get; init; }
    public string Sha256 { get; set; } = "";
    public string Encoding { get; set; } = "";
    public ImportOutcome Outcome { get; set; }
    public string? FatalError { get; set; }
    public int? ImportId { get; set; }
    public string GeographyKind { get; set; } = "County";
    public int RowsRead { get; set; }
    public int RowsRejected { get; set; }
    public int ValuesRead { get; set; }
    public int MissingCells { get; set; }
    public int ValuesInserted { get; set; }
    public int ValuesReplaced { get; set; }
    public int ValuesUnchanged { get; set; }
    public int PopulationsWritten { get; set; }
    public bool DemoDataRemoved { get; set; }
    public long DurationMs { get; set; }
    public List<MappedMetric> Metrics { get; set; } = [];
    public List<string> UnknownColumns { get; set; } = [];
    public List<NewGeography> NewGeographies { get; set; } = [];
    public List<string> Warnings { get; set; } = [];

    /// <summary>Rejected rows by reason, with the first examples of each (line, column, text).</summary>
    public Dictionary<string, int> RejectionCounts { get; set; } = [];
    public List<RowProblem> Problems { get; set; } = [];

    public bool HasRejections => RowsRejected > 0;

    public string Summary => Outcome switch
    {
        ImportOutcome.Failed => $"{FileName}: not imported. {FatalError}",
        ImportOutcome.NotImported => $"{FileName}: not imported: {RowsRejected:N0} of {RowsRead:N0} rows rejected (choose to import the valid rows, or fix the file).",
        ImportOutcome.DryRun => $"{FileName}: dry run: {RowsRead:N0} rows, {ValuesInserted:N0} values would be inserted, {ValuesReplaced:N0} replaced, {ValuesUnchanged:N0} unchanged, {RowsRejected:N0} rows rejected.",
        _ => $"{FileName}: imported: {RowsRead:N0} rows, {ValuesInserted:N0} values inserted, {ValuesReplaced:N0} replaced, {ValuesUnchanged:N0} unchanged, {RowsRejected:N0} rows rejected.",
    };
}
