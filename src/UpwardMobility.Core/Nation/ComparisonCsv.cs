using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using UpwardMobility.Core.Csv;

namespace UpwardMobility.Core.Nation;

/// <summary>
/// The comparison page as CSV: one row per measure and county, in the page's order, with the same year, best/worst marks
/// and judgement of each difference from the reference county (the first) as the page shows.
/// </summary>
public static class ComparisonCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "pillar", "predictor", "metric", "metric_label", "unit", "year", "fips", "county", "state", "is_reference",
        "value", "lower_bound", "upper_bound", "quality", "best_of_shown", "worst_of_shown", "difference_from_reference",
        "difference_judged", "demo_data",
    ];

    public static string FileName(CountyComparison comparison) =>
        "compare-" + string.Join("-", comparison.Counties.Select(c => c.Fips))
        + (comparison.Year is { } y ? FormattableString.Invariant($"-{y}") : "") + ".csv";

    /// <summary>How the page words a difference, as a CSV token: empty for the reference county or a missing value.</summary>
    public static string Judgement(DifferenceKind kind) => kind switch
    {
        DifferenceKind.Meaningful => "real difference (intervals do not overlap)",
        DifferenceKind.WithinUncertainty => "within uncertainty (intervals overlap)",
        DifferenceKind.UncertaintyUnknown => "not judged (uncertainty not published)",
        _ => "",
    };

    public static async Task<int> WriteAsync(CountyComparison comparison, TextWriter output)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n", InjectionOptions = InjectionOptions.None };
        await using var csv = new CsvWriter(output, config, leaveOpen: true);
        foreach (var name in comparison.Kind == Geographies.PlaceKind.City ? Header.Select(h => h == "county" ? "city" : h) : Header)
        {
            csv.WriteField(name);
        }
        await csv.NextRecordAsync();
        var counties = comparison.Counties.ToDictionary(c => c.Fips, StringComparer.Ordinal);
        var reference = comparison.Counties.FirstOrDefault()?.Fips;
        var count = 0;
        foreach (var pillar in comparison.Pillars)
        {
            foreach (var predictor in pillar.Predictors)
            {
                foreach (var row in predictor.Rows)
                {
                    foreach (var cell in row.Cells)
                    {
                        var county = counties.GetValueOrDefault(cell.Fips);
                        var reading = cell.Reading;
                        csv.WriteField(CsvTable.Neutral(pillar.Name));
                        csv.WriteField(CsvTable.Neutral(predictor.Name));
                        csv.WriteField(CsvTable.Neutral(row.Metric.Key));
                        csv.WriteField(CsvTable.Neutral(row.Metric.Label));
                        csv.WriteField(CsvTable.UnitName(row.Metric.Unit));
                        csv.WriteField(row.Year?.ToString(CultureInfo.InvariantCulture) ?? "");
                        csv.WriteField(cell.Fips);
                        csv.WriteField(CsvTable.Neutral(county?.Name));
                        csv.WriteField(CsvTable.Neutral(county?.StateAbbr));
                        csv.WriteField(cell.Fips == reference ? "true" : "false");
                        csv.WriteField(reading is { Value: null, ValueText: { } text } ? CsvTable.Neutral(text) : CsvTable.NumberText(reading?.Value));
                        csv.WriteField(CsvTable.NumberText(reading?.LowerBound));
                        csv.WriteField(CsvTable.NumberText(reading?.UpperBound));
                        csv.WriteField(reading is null ? "" : CsvTable.QualityWord(reading.Quality));
                        csv.WriteField(cell.IsBest ? "true" : "false");
                        csv.WriteField(cell.IsWorst ? "true" : "false");
                        csv.WriteField(CsvTable.NumberText(cell.Difference));
                        csv.WriteField(Judgement(cell.DifferenceKind));
                        csv.WriteField(reading?.IsDemo == true ? "true" : "false");
                        await csv.NextRecordAsync();
                        count++;
                    }
                }
            }
        }
        await csv.FlushAsync();
        return count;
    }
}
