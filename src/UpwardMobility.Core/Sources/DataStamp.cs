using System.Globalization;

namespace UpwardMobility.Core.Sources;

/// <summary>One import behind a page's values: its file and when it was imported.</summary>
/// <param name="IsWeights">It wrote the county populations the benchmarks are weighted by, not values shown.</param>
public sealed record DataSource(int ImportId, string FileName, DateTime ImportedAtUtc, bool IsDemo, bool IsWeights);

/// <summary>
/// Which data a page shows: the imports that wrote its values, each with file name and date. Demo data is named as
/// such. Built by <see cref="DataStampService"/>.
/// </summary>
public sealed record DataStamp(IReadOnlyList<DataSource> Sources)
{
    public static readonly DataStamp None = new([]);

    /// <summary>How many files are named in the sentence before the rest are counted ("and 12 more files").</summary>
    public const int FilesNamed = 3;

    public bool HasDemo => Sources.Any(s => s.IsDemo);

    public bool IsEmpty => Sources.Count == 0;

    /// <summary>
    /// The stamp in one sentence, e.g. "Data: Urban Institute Mobility Metrics, imported 2026-11-30 from
    /// metrics_employment_county_all_longitudinal.csv; county populations (the benchmarks' weights) from
    /// county-populations.csv, imported 2026-11-30." Demo data: "Data: synthetic demo data, not Urban Institute data …".
    /// </summary>
    public string Sentence
    {
        get
        {
            if (IsEmpty)
            {
                return "Data: no imported values are shown here.";
            }
            var parts = new List<string>();
            var values = Sources.Where(s => !s.IsWeights).ToList();
            var demo = values.Where(s => s.IsDemo).ToList();
            var real = values.Where(s => !s.IsDemo).ToList();
            if (real.Count > 0)
            {
                parts.Add("Urban Institute Mobility Metrics, " + Imported(real));
            }
            if (demo.Count > 0)
            {
                parts.Add($"synthetic demo data (not Urban Institute data: do not use it for decisions), seeded {Day(demo.Max(s => s.ImportedAtUtc))}");
            }
            var weights = Sources.Where(s => s.IsWeights && !values.Any(v => v.ImportId == s.ImportId)).ToList();
            if (weights.Count > 0)
            {
                parts.Add(weights.All(w => w.IsDemo)
                    ? "county populations (the benchmarks' weights) from the demo data"
                    : "county populations (the benchmarks' weights) " + Imported(weights.Where(w => !w.IsDemo).ToList()));
            }
            return "Data: " + string.Join("; ", parts) + ".";
        }
    }

    /// <summary>"imported 2026-11-30 from a.csv" or "imported from a.csv (2026-11-30), b.csv (2026-12-01) and 4 more files".</summary>
    private static string Imported(IReadOnlyList<DataSource> sources)
    {
        var ordered = sources.OrderBy(s => s.FileName, StringComparer.Ordinal).ToList();
        var days = ordered.Select(s => Day(s.ImportedAtUtc)).Distinct().ToList();
        var named = ordered.Take(FilesNamed).ToList();
        var rest = ordered.Count - named.Count;
        var more = rest > 0 ? $" and {rest} more file{(rest == 1 ? "" : "s")}" : "";
        return days.Count == 1
            ? $"imported {days[0]} from {Join(named.Select(s => s.FileName))}{more}"
            : $"imported from {Join(named.Select(s => $"{s.FileName} ({Day(s.ImportedAtUtc)})"))}{more}";
    }

    private static string Join(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count <= 1 ? string.Join("", list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1];
    }

    private static string Day(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
