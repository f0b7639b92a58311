using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using UpwardMobility.Core.Counties;

namespace UpwardMobility.Core.Dashboard;

/// <summary>
/// The CSV of exactly what the metric page shows: the trend rows (whole population, every year, with the state and
/// national medians) and the subgroup rows of the year shown. Text cells are neutralised as in <see cref="CountyDataExport"/>.
/// </summary>
public static class MetricDetailCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "fips", "county", "state", "metric", "year", "subgroup_type", "subgroup", "value", "lower_bound", "upper_bound",
        "quality", "state_median", "national_median", "national_percentile", "unit",
    ];

    public static string FileName(MetricDetail detail) =>
        $"county-{detail.Fips}-{detail.Metric.Key}{(detail.Year is { } y ? FormattableString.Invariant($"-{y}") : "")}.csv";

    /// <summary>Writes the rows and returns how many (header not counted).</summary>
    public static async Task<int> WriteAsync(MetricDetail detail, TextWriter output)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n", InjectionOptions = InjectionOptions.None };
        await using var csv = new CsvWriter(output, config, leaveOpen: true);
        foreach (var name in Header)
        {
            csv.WriteField(name);
        }
        await csv.NextRecordAsync();
        var unit = CountyDataExport.UnitName(detail.Metric.Unit);
        var count = 0;

        void Common(short year, string type, string subgroup)
        {
            csv.WriteField(detail.Fips);
            csv.WriteField(CountyDataExport.Text(detail.CountyName));
            csv.WriteField(CountyDataExport.Text(detail.StateName));
            csv.WriteField(CountyDataExport.Text(detail.Metric.Key));
            csv.WriteField(year.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(CountyDataExport.Text(type));
            csv.WriteField(CountyDataExport.Text(subgroup));
        }

        foreach (var y in detail.Years)
        {
            Common(y.Year, Metrics.Subgroups.AllType, Metrics.Subgroups.All);
            csv.WriteField(CountyDataExport.Number(y.Value));
            csv.WriteField(CountyDataExport.Number(y.LowerBound));
            csv.WriteField(CountyDataExport.Number(y.UpperBound));
            csv.WriteField(CountyDataExport.QualityWord(y.Quality));
            csv.WriteField(CountyDataExport.Number(y.StateMedian));
            csv.WriteField(CountyDataExport.Number(y.NationalMedian));
            csv.WriteField(CountyDataExport.Number(y.Percentile));
            csv.WriteField(unit);
            await csv.NextRecordAsync();
            count++;
        }
        if (detail.SubgroupYear is { } subgroupYear)
        {
            foreach (var s in detail.Subgroups)
            {
                Common(subgroupYear, s.SubgroupType, s.Subgroup);
                csv.WriteField(CountyDataExport.Number(s.Value));
                csv.WriteField(CountyDataExport.Number(s.LowerBound));
                csv.WriteField(CountyDataExport.Number(s.UpperBound));
                csv.WriteField(CountyDataExport.QualityWord(s.Quality));
                csv.WriteField("");
                csv.WriteField("");
                csv.WriteField("");
                csv.WriteField(unit);
                await csv.NextRecordAsync();
                count++;
            }
        }
        await csv.FlushAsync();
        return count;
    }
}
