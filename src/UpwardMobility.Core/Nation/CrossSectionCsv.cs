using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using UpwardMobility.Core.Csv;

namespace UpwardMobility.Core.Nation;

/// <summary>
/// One measure across counties as CSV, as the national map shows it: every county of the view with its value, interval,
/// quality and national percentile, and whether the map draws it (counties without a shape are listed beside the map).
/// </summary>
public static class CrossSectionCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "fips", "county", "state", "metric", "year", "subgroup_type", "subgroup", "value", "lower_bound", "upper_bound",
        "quality", "national_percentile", "population", "unit", "on_map", "demo_data",
    ];

    public static string FileName(MetricCrossSection section, string? stateFips) =>
        $"map-{(section.Kind == Geographies.PlaceKind.City ? "cities-" : "")}{section.Metric.Key}{(section.Year is { } y ? FormattableString.Invariant($"-{y}") : "")}{(stateFips is null ? "" : "-" + stateFips)}.csv";

    /// <param name="onMap">Whether the map draws a county (it has a shape).</param>
    public static async Task<int> WriteAsync(MetricCrossSection section, IEnumerable<CrossSectionRow> rows, Func<string, bool> onMap, TextWriter output)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n", InjectionOptions = InjectionOptions.None };
        await using var csv = new CsvWriter(output, config, leaveOpen: true);
        foreach (var name in section.Kind == Geographies.PlaceKind.City ? Header.Select(h => h == "county" ? "city" : h) : Header)
        {
            csv.WriteField(name);
        }
        await csv.NextRecordAsync();
        var unit = CsvTable.UnitName(section.Metric.Unit);
        var year = section.Year?.ToString(CultureInfo.InvariantCulture) ?? "";
        var count = 0;
        foreach (var row in rows.OrderBy(r => r.Fips, StringComparer.Ordinal))
        {
            csv.WriteField(row.Fips);
            csv.WriteField(CsvTable.Neutral(row.Name));
            csv.WriteField(CsvTable.Neutral(row.StateAbbr));
            csv.WriteField(CsvTable.Neutral(section.Metric.Key));
            csv.WriteField(year);
            csv.WriteField(CsvTable.Neutral(section.Subgroup.Type));
            csv.WriteField(CsvTable.Neutral(section.Subgroup.Label));
            csv.WriteField(row.Value is null && row.ValueText is not null ? CsvTable.Neutral(row.ValueText) : CsvTable.NumberText(row.Value));
            csv.WriteField(CsvTable.NumberText(row.LowerBound));
            csv.WriteField(CsvTable.NumberText(row.UpperBound));
            csv.WriteField(CsvTable.QualityWord(row.Quality));
            csv.WriteField(CsvTable.NumberText(row.Percentile));
            csv.WriteField(row.Population?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(unit);
            csv.WriteField(onMap(row.Fips) ? "true" : "false");
            csv.WriteField(row.IsDemo ? "true" : "false");
            await csv.NextRecordAsync();
            count++;
        }
        await csv.FlushAsync();
        return count;
    }
}
