using System.Globalization;
using System.Text;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Import;

/// <summary>A value as the source file writes it, read by <see cref="UrbanSource"/>.</summary>
public sealed record SourceValue(string File, int Line, double? Value, double? LowerBound, double? UpperBound, DataQuality Quality, string? ValueText);

/// <summary>
/// An independent, deliberately simple reader of Urban's files, to check what the importer stored against what the
/// source says. It shares no code with the importer: its own CSV splitting, number parsing and column matching,
/// taken from the catalog file and the rules of the issue, so a bug in the importer is not mirrored here.
/// </summary>
public static class UrbanSource
{
    public const string RecentFile = "released/00_mobility-metrics_recent.csv";

    static UrbanSource() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Every real file except the year-less recent one, as paths relative to the Urban data folder, in import order.</summary>
    public static IReadOnlyList<string> AllFiles { get; } = Directory
        .EnumerateFiles(TestEnvironment.UrbanDataPath, "*.csv", SearchOption.AllDirectories)
        .Select(p => Path.GetRelativePath(TestEnvironment.UrbanDataPath, p).Replace('\\', '/'))
        .Where(p => p != RecentFile)
        .Order(StringComparer.Ordinal)
        .ToList();

    public static string PathOf(string relative) => Path.Combine(TestEnvironment.UrbanDataPath, relative);

    private static readonly Lazy<List<CatalogFile.MetricEntry>> Metrics = new(() =>
        CatalogFile.Load(ImportTestDatabase.CatalogPath).AllMetrics.ToList());

    private static readonly Dictionary<string, string> SubgroupTypeSpellings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["race-ethncity"] = "race-ethnicity",
    };

    // Groups of neighbourhoods by racial composition, not of people: stored as race-share whatever type the file
    // writes (framework.md, "Reading the values honestly").
    private static readonly HashSet<string> NeighbourhoodGroups = new(
        ["Neighborhoods of color", "White neighborhoods", "Mixed neighborhoods", "Majority White, Non-Hispanic", "Majority White", "Majority Non-White", "No Majority Race/Ethnicity"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>The text of a file: strict UTF-8 (BOM dropped) or, failing that, Windows-1252.</summary>
    public static string ReadText(string path)
    {
        var bytes = File.ReadAllBytes(path);
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return text.TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(1252).GetString(bytes);
        }
    }

    /// <summary>Splits one CSV line (no line breaks inside quotes in these files).</summary>
    public static List<string> SplitLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>Header and data lines with their 1-based line numbers (blank lines skipped).</summary>
    public static (string[] Header, List<(int Line, List<string> Fields)> Rows) ReadTable(string path)
    {
        var lines = ReadText(path).Split('\n');
        string[]? header = null;
        var rows = new List<(int, List<string>)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }
            if (header is null)
            {
                header = SplitLine(line).Select(h => h.Trim()).ToArray();
            }
            else
            {
                rows.Add((i + 1, SplitLine(line)));
            }
        }
        return (header ?? [], rows);
    }

    public static bool IsMissing(string text) =>
        text.Trim() is "" or "." || text.Trim().Equals("NA", StringComparison.OrdinalIgnoreCase) || text.Trim().Equals("NaN", StringComparison.OrdinalIgnoreCase);

    private static double Number(string text)
    {
        var t = text.Trim();
        return t.EndsWith('%')
            ? double.Parse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture) / 100
            : double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>A cell as (value, ratio text): <c>a:b</c> is a/b with its text kept, and no value when b is 0.</summary>
    public static (double? Value, string? Text) ParseValue(string text)
    {
        if (IsMissing(text))
        {
            return (null, null);
        }
        var parts = text.Trim().Split(':');
        if (parts.Length == 2)
        {
            var a = Number(parts[0]);
            var b = Number(parts[1]);
            return (b == 0 ? null : a / b, text.Trim());
        }
        return (Number(text), null);
    }

    public static DataQuality ParseQuality(string text) => text.Trim() switch
    {
        "1" or "Strong" => DataQuality.Strong,
        "2" or "Marginal" => DataQuality.Marginal,
        "3" or "Weak" => DataQuality.Weak,
        var t when IsMissing(t) => DataQuality.Unknown,
        var t => throw new InvalidDataException($"Quality '{t}' in a real file: the test's reader does not know it."),
    };

    /// <summary>
    /// The tidy values a file holds, keyed as the database keys them. <paramref name="onlyFips"/> limits it to a few
    /// places; <paramref name="year"/> is the year of a file without a year column.
    /// </summary>
    public static Dictionary<ValueKey, SourceValue> ReadValues(string relative, IReadOnlySet<string>? onlyFips = null, short? year = null)
    {
        var (header, rows) = ReadTable(PathOf(relative));
        int Col(string name) => Array.FindIndex(header, h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
        var yearCol = Col("year");
        var stateCol = Col("state");
        var countyCol = Col("county");
        // City files key rows by a 5-digit place code instead of a 3-digit county code.
        var placeCol = Col("place");
        var (areaCol, areaWidth) = placeCol >= 0 ? (placeCol, 5) : (countyCol, 3);
        var typeCol = Col("subgroup_type");
        var subgroupCol = Col("subgroup");

        var columns = new List<(string Metric, int Value, int Lower, int Upper, int Quality)>();
        for (var i = 0; i < header.Length; i++)
        {
            var metric = Metrics.Value.FirstOrDefault(m =>
                m.Key.Equals(header[i], StringComparison.OrdinalIgnoreCase) || (m.Aliases ?? []).Contains(header[i], StringComparer.OrdinalIgnoreCase));
            if (metric is null)
            {
                continue;
            }
            var quality = Col(header[i] + "_quality");
            foreach (var candidate in metric.QualityColumns ?? [])
            {
                quality = quality >= 0 ? quality : Col(candidate);
            }
            columns.Add((metric.Key, i, Col(header[i] + "_lb"), Col(header[i] + "_ub"), quality));
        }

        var file = Path.GetFileName(relative);
        var result = new Dictionary<ValueKey, SourceValue>();
        foreach (var (line, f) in rows)
        {
            var fips = string.Intern(f[stateCol].Trim().PadLeft(2, '0') + f[areaCol].Trim().PadLeft(areaWidth, '0'));
            if (onlyFips is not null && !onlyFips.Contains(fips))
            {
                continue;
            }
            var y = yearCol >= 0 ? short.Parse(f[yearCol], CultureInfo.InvariantCulture) : year ?? throw new ArgumentNullException(nameof(year));
            var (type, subgroup) = (Subgroups.AllType, Subgroups.All);
            if (subgroupCol >= 0 && f[subgroupCol].Trim() is { Length: > 0 } label && !label.Equals("All", StringComparison.OrdinalIgnoreCase))
            {
                type = f[typeCol].Trim();
                type = NeighbourhoodGroups.Contains(label) ? "race-share" : string.Intern(SubgroupTypeSpellings.GetValueOrDefault(type, type));
                subgroup = string.Intern(label);
            }
            foreach (var c in columns)
            {
                var (value, text) = ParseValue(f[c.Value]);
                var lower = c.Lower >= 0 ? ParseValue(f[c.Lower]).Value : null;
                var upper = c.Upper >= 0 ? ParseValue(f[c.Upper]).Value : null;
                if (value is null && text is null && lower is null && upper is null)
                {
                    continue;
                }
                var quality = c.Quality >= 0 ? ParseQuality(f[c.Quality]) : DataQuality.Unknown;
                result[new ValueKey(fips, c.Metric, y, type, subgroup)] = new SourceValue(file, line, value, lower, upper, quality, text);
            }
        }
        return result;
    }

    /// <summary>What all the files hold together, read once per test run (a few seconds).</summary>
    public static Summary AllFilesSummary => SummaryLazy.Value;

    private static readonly Lazy<Summary> SummaryLazy = new(() =>
    {
        var files = new Dictionary<string, (int Rows, int Values)>();
        var keys = new HashSet<ValueKey>();
        foreach (var file in AllFiles)
        {
            var rows = ReadTable(PathOf(file)).Rows.Count;
            var values = ReadValues(file);
            files[file] = (rows, values.Count);
            keys.UnionWith(values.Keys);
        }
        return new Summary(files, keys.Count, keys.Select(k => (k.SubgroupType, k.Subgroup)).ToHashSet());
    });

    public sealed record Summary(Dictionary<string, (int Rows, int Values)> Files, int DistinctValues, HashSet<(string Type, string Subgroup)> Subgroups);

    /// <summary>Asserts a stored value is the source's, numbers to within rounding of the last bit or so.</summary>
    public static void AssertMatches(SourceValue expected, StoredValue actual, string what)
    {
        AssertClose(expected.Value, actual.Value, $"{what}: value");
        AssertClose(expected.LowerBound, actual.LowerBound, $"{what}: lower bound");
        AssertClose(expected.UpperBound, actual.UpperBound, $"{what}: upper bound");
        Assert.True(expected.Quality == actual.Quality, $"{what}: quality expected {expected.Quality}, stored {actual.Quality}");
        Assert.True(expected.ValueText == actual.ValueText, $"{what}: text expected '{expected.ValueText}', stored '{actual.ValueText}'");
    }

    public static void AssertClose(double? expected, double? actual, string what)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{what}: expected {Show(expected)}, stored {Show(actual)}");
            return;
        }
        var tolerance = 1e-12 * Math.Max(1, Math.Abs(expected.Value));
        Assert.True(Math.Abs(expected.Value - actual.Value) <= tolerance, $"{what}: expected {Show(expected)}, stored {Show(actual)}");
    }

    private static string Show(double? d) => d?.ToString("R", CultureInfo.InvariantCulture) ?? "null";
}
