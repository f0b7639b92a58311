using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using UpwardMobility.Core.Counties;

namespace UpwardMobility.Core.Nation;

/// <summary>The rankings as CSV: every row that matches the filters, in the order shown (not only the current page).</summary>
public static class RankingsCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "rank", "fips", "county", "state", "metric", "year", "subgroup_type", "subgroup", "value", "lower_bound",
        "upper_bound", "quality", "national_percentile", "better_than_share", "population", "unit", "demo_data",
    ];

    public static string FileName(MetricCrossSection section, string? stateFips) =>
        $"rankings-{section.Metric.Key}{(section.Year is { } y ? FormattableString.Invariant($"-{y}") : "")}{(stateFips is null ? "" : "-" + stateFips)}.csv";

    public static async Task<int> WriteAsync(MetricCrossSection section, IEnumerable<RankedCounty> rows, TextWriter output)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n", InjectionOptions = InjectionOptions.None };
        await using var csv = new CsvWriter(output, config, leaveOpen: true);
        foreach (var name in Header)
        {
            csv.WriteField(name);
        }
        await csv.NextRecordAsync();
        var unit = CountyDataExport.UnitName(section.Metric.Unit);
        var year = section.Year?.ToString(CultureInfo.InvariantCulture) ?? "";
        var count = 0;
        foreach (var ranked in rows)
        {
            var row = ranked.Row;
            csv.WriteField(ranked.Rank > 0 ? ranked.Rank.ToString(CultureInfo.InvariantCulture) : "");
            csv.WriteField(row.Fips);
            csv.WriteField(CountyDataExport.Text(row.Name));
            csv.WriteField(CountyDataExport.Text(row.StateAbbr));
            csv.WriteField(CountyDataExport.Text(section.Metric.Key));
            csv.WriteField(year);
            csv.WriteField(CountyDataExport.Text(section.Subgroup.Type));
            csv.WriteField(CountyDataExport.Text(section.Subgroup.Label));
            csv.WriteField(row.Value is null && row.ValueText is not null ? CountyDataExport.Text(row.ValueText) : CountyDataExport.Number(row.Value));
            csv.WriteField(CountyDataExport.Number(row.LowerBound));
            csv.WriteField(CountyDataExport.Number(row.UpperBound));
            csv.WriteField(CountyDataExport.QualityWord(row.Quality));
            csv.WriteField(CountyDataExport.Number(row.Percentile));
            csv.WriteField(CountyDataExport.Number(ranked.BetterThan));
            csv.WriteField(row.Population?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(unit);
            csv.WriteField(row.IsDemo ? "true" : "false");
            await csv.NextRecordAsync();
            count++;
        }
        await csv.FlushAsync();
        return count;
    }
}
