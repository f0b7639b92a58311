namespace UpwardMobility.Core.Import;

/// <summary>What merging the staged values into the values table did (or, in a dry run, would do).</summary>
public readonly record struct MergeCounts(int Inserted, int Replaced, int Unchanged)
{
    public static readonly MergeCounts None = new(0, 0, 0);
}
