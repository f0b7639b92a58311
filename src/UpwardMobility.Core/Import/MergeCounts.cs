namespace UpwardMobility.Core.Import;

/// <summary>What merging the staged values into the values table did (or, in a dry run, would do).</summary>
/// <summary>
/// <paramref name="Kept"/>: stored values that differ but were kept because their file outranks this one
/// (<see cref="SourceKind"/>), by the file they came from.
/// </summary>
public readonly record struct MergeCounts(int Inserted, int Replaced, int Unchanged, IReadOnlyList<KeptValues>? Kept = null)
{
    public static readonly MergeCounts None = new(0, 0, 0);

    public int KeptCount => Kept?.Sum(k => k.Values) ?? 0;
}

/// <summary>Stored values an import did not replace, because the file they came from outranks it.</summary>
public sealed record KeptValues(int Values, string FileName, SourceKind Kind);
