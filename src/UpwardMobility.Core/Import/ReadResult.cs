namespace UpwardMobility.Core.Import;

/// <summary>What the reader found in a file's rows: counts, the rejected rows by reason, and the population figures.</summary>
/// <summary><paramref name="SubgroupRows"/>: rows for a group other than <c>All</c> (a subgroup file, <see cref="SourceKinds.Classify"/>).</summary>
public sealed record ReadResult(int RowsRead, int ValuesRead, int MissingCells, RejectionTally Rejections, IReadOnlyList<PopulationRow> Populations, int SubgroupRows = 0)
{
    /// <summary>Why reading stopped before the end (a bound the file exceeds); the import then fails whole.</summary>
    public string? FatalError { get; init; }
}
