namespace UpwardMobility.Core.Import;

/// <summary>What the reader found in a file's rows: counts, the rejected rows by reason, and the population figures.</summary>
public sealed record ReadResult(int RowsRead, int ValuesRead, int MissingCells, RejectionTally Rejections, IReadOnlyList<PopulationRow> Populations)
{
    /// <summary>Why reading stopped before the end (a bound the file exceeds); the import then fails whole.</summary>
    public string? FatalError { get; init; }
}
