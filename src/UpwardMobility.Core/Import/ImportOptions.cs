namespace UpwardMobility.Core.Import;

/// <summary>What the analyst chose for one file.</summary>
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
