using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Dashboard;

/// <summary>
/// The CSV of exactly what the metric page charts, one section after another (column <c>section</c>): the trend
/// (whole population, every year, with the state and national medians), the subgroups of the type and year shown, the
/// county and its peers, and every county of the distribution. Text cells are neutralised as in <see cref="CountyDataExport"/>.
/// </summary>
public static class MetricDetailCsv
{
    public const string TrendSection = "trend";
    public const string SubgroupSection = "subgroup";
    public const string PeerSection = "peer";
    public const string DistributionSection = "distribution";

    public static readonly IReadOnlyList<string> Header =
    [
        "section", "fips", "county", "state", "metric", "year", "subgroup_type", "subgroup", "value", "lower_bound", "upper_bound",
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

        async Task Row(string section, string fips, string county, string state, short year, string type, string subgroup,
            double? value, double? lower, double? upper, DataQuality? quality, double? stateMedian, double? nationalMedian, double? percentile)
        {
            csv.WriteField(section);
            csv.WriteField(fips);
            csv.WriteField(CountyDataExport.Text(county));
            csv.WriteField(CountyDataExport.Text(state));
            csv.WriteField(CountyDataExport.Text(detail.Metric.Key));
            csv.WriteField(year.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(CountyDataExport.Text(type));
            csv.WriteField(CountyDataExport.Text(subgroup));
            csv.WriteField(CountyDataExport.Number(value));
            csv.WriteField(CountyDataExport.Number(lower));
            csv.WriteField(CountyDataExport.Number(upper));
            csv.WriteField(quality is { } q ? CountyDataExport.QualityWord(q) : "");
            csv.WriteField(CountyDataExport.Number(stateMedian));
            csv.WriteField(CountyDataExport.Number(nationalMedian));
            csv.WriteField(CountyDataExport.Number(percentile));
            csv.WriteField(unit);
            await csv.NextRecordAsync();
            count++;
        }

        foreach (var y in detail.Years)
        {
            await Row(TrendSection, detail.Fips, detail.CountyName, detail.StateName, y.Year, Subgroups.AllType, Subgroups.All,
                y.Value, y.LowerBound, y.UpperBound, y.Quality, y.StateMedian, y.NationalMedian, y.Percentile);
        }
        if (detail.SubgroupYear is { } year)
        {
            foreach (var s in detail.Subgroups)
            {
                await Row(SubgroupSection, detail.Fips, detail.CountyName, detail.StateName, year, s.SubgroupType, s.Subgroup,
                    s.Value, s.LowerBound, s.UpperBound, s.Quality, null, null, null);
            }
            foreach (var p in detail.Peers?.Rows ?? [])
            {
                var r = p.Reading;
                await Row(PeerSection, p.Fips, p.Name, p.StateName, year, Subgroups.AllType, Subgroups.All,
                    r?.Value, r?.LowerBound, r?.UpperBound, r?.Quality, null, null, r?.Percentile);
            }
            foreach (var v in detail.Distribution?.Values ?? [])
            {
                await Row(DistributionSection, v.Fips, v.Name, v.StateName, year, Subgroups.AllType, Subgroups.All,
                    v.Value, v.LowerBound, v.UpperBound, v.Quality, null, null, v.Percentile);
            }
        }
        await csv.FlushAsync();
        return count;
    }
}
