using System.Globalization;
using UpwardMobility.Tests.Import;

namespace UpwardMobility.Tests.Dashboard;

/// <summary>The metric page's CSV read back as rows of named cells (with the test's own CSV splitter).</summary>
public sealed class MetricCsvRows
{
    private MetricCsvRows(string[] header, List<Dictionary<string, string>> rows) => (Header, Rows) = (header, rows);

    public string[] Header { get; }

    public List<Dictionary<string, string>> Rows { get; }

    public static MetricCsvRows Parse(string text)
    {
        // Comment lines (the demo-data mark) come before the header.
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).SkipWhile(l => l.StartsWith('#')).ToArray();
        var header = UrbanSource.SplitLine(lines[0]).ToArray();
        var rows = lines.Skip(1)
            .Select(UrbanSource.SplitLine)
            .Select(f =>
            {
                Assert.Equal(header.Length, f.Count);
                return header.Select((h, i) => (h, f[i])).ToDictionary(x => x.h, x => x.Item2, StringComparer.Ordinal);
            })
            .ToList();
        return new MetricCsvRows(header, rows);
    }

    public List<Dictionary<string, string>> Section(string section) => Rows.Where(r => r["section"] == section).ToList();

    public static double? Number(string text) =>
        text.Length == 0 ? null : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
