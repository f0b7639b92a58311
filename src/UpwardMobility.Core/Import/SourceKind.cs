using System.Text.RegularExpressions;

namespace UpwardMobility.Core.Import;

/// <summary>
/// What kind of file a value came from (its provenance), in order of precedence: the same key can arrive from several
/// of Urban's files of different surveys or vintages, and which one a page shows must not depend on import order.
/// The numbers are the precedence (higher wins; the same kind: the later import, a newer release of that file).
/// </summary>
public enum SourceKind : byte
{
    /// <summary>Imported before provenance was recorded (or demo data): any classified file may replace it.</summary>
    Unknown = 0,

    /// <summary>One of Urban's combined releases (<c>02_mobility-metrics_race_longitudinal.csv</c>): may carry an older definition.</summary>
    CombinedRelease = 1,

    /// <summary>A per-metric subgroup file: its <c>All</c> rows are often another survey (5-year ACS) than the headline file's.</summary>
    SubgroupFile = 2,

    /// <summary>A per-metric whole-population file (<c>metrics_employment_county_all_longitudinal.csv</c>).</summary>
    HeadlineFile = 3,

    /// <summary>A file of populations only (<c>county-populations.csv</c>): the declared source of the benchmarks' weights.</summary>
    PopulationFile = 4,
}

public static partial class SourceKinds
{
    /// <summary>
    /// The kind of a file, from what it holds: populations and no metric → a population file; Urban's release name
    /// (<c>NN_mobility-metrics_…</c>) or more than <see cref="ReleaseMetrics"/> metrics in one file (the largest
    /// per-metric file, housing, has 6) → a combined release; any row for a
    /// group other than <c>All</c> → a subgroup file; else a headline file.
    /// </summary>
    public const int ReleaseMetrics = 8;

    public static SourceKind Classify(string fileName, int metricCount, bool hasPopulationColumn, int subgroupRows)
    {
        if (metricCount == 0 && hasPopulationColumn)
        {
            return SourceKind.PopulationFile;
        }
        if (ReleaseName().IsMatch(Path.GetFileName(fileName)) || metricCount > ReleaseMetrics)
        {
            return SourceKind.CombinedRelease;
        }
        return subgroupRows > 0 ? SourceKind.SubgroupFile : SourceKind.HeadlineFile;
    }

    /// <summary>The kind as the metric page, the CSVs and the import report name it.</summary>
    public static string Describe(SourceKind kind) => kind switch
    {
        SourceKind.HeadlineFile => "headline file",
        SourceKind.SubgroupFile => "subgroup file's All row",
        SourceKind.CombinedRelease => "combined release",
        SourceKind.PopulationFile => "population file",
        _ => "import before provenance was recorded",
    };

    /// <summary>The kind of file, for the import report: "a headline file".</summary>
    public static string FileWords(SourceKind kind) => kind switch
    {
        SourceKind.HeadlineFile => "a headline file",
        SourceKind.SubgroupFile => "a subgroup file",
        SourceKind.CombinedRelease => "a combined release",
        SourceKind.PopulationFile => "a population file",
        _ => "an import before provenance was recorded",
    };

    [GeneratedRegex(@"^\d+_mobility-metrics", RegexOptions.IgnoreCase)]
    private static partial Regex ReleaseName();
}
