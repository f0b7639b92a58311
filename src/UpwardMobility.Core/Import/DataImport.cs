using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Import;

public enum ImportStatus
{
    Committed = 1,
    RolledBack = 2,
}

/// <summary>The record of one file's import: who, when, what it did. Values point back to it.</summary>
public class DataImport
{
    public int Id { get; set; }
    public required string FileName { get; set; }
    public string Sha256 { get; set; } = "";
    public string? UserName { get; set; }
    public DateTime StartedAtUtc { get; set; }
    public long DurationMs { get; set; }
    public ImportStatus Status { get; set; } = ImportStatus.Committed;

    /// <summary>The synthetic demo data set; removed by the first real import.</summary>
    public bool IsDemo { get; set; }
    public int? YearOverride { get; set; }
    public bool AcceptedPartial { get; set; }

    /// <summary>What kind of file this was (provenance and precedence of its values, <see cref="Import.SourceKind"/>).</summary>
    public SourceKind SourceKind { get; set; }
    public int RowsRead { get; set; }
    public int RowsRejected { get; set; }
    public int ValuesInserted { get; set; }
    public int ValuesReplaced { get; set; }
    public int ValuesUnchanged { get; set; }
    public DateTime? RolledBackAtUtc { get; set; }
    public string? RolledBackBy { get; set; }

    /// <summary>The validation report as JSON, so history can show it again.</summary>
    public string? ReportJson { get; set; }
}

/// <summary>A value as it was before an import replaced it: what rollback restores.</summary>
public class ReplacedMetricValue
{
    public long Id { get; set; }
    public int ImportId { get; set; }
    public int GeographyId { get; set; }
    public int MetricId { get; set; }
    public short Year { get; set; }
    public required string SubgroupType { get; set; }
    public required string Subgroup { get; set; }
    public double? Value { get; set; }
    public double? LowerBound { get; set; }
    public double? UpperBound { get; set; }
    public DataQuality Quality { get; set; }
    public string? ValueText { get; set; }
    public int PreviousImportId { get; set; }
}
