namespace UpwardMobility.Core.Import;

/// <summary>
/// Lines whose key (place, year, subgroup, metric) repeats an earlier line of the same file, found in staging and
/// removed from it: how many lines and values, and the first examples, as rejected rows.
/// </summary>
public sealed record RepeatedLines(int Lines, int Values, IReadOnlyList<RowProblem> Examples)
{
    public static readonly RepeatedLines None = new(0, 0, []);
}
