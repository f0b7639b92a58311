using UpwardMobility.Core.Csv;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Dashboard;

/// <summary>
/// The CSV of exactly what the metric page charts, one section after another (column <c>section</c>): the trend
/// (whole population, every year, with the state and national medians of counties and Urban's population-weighted
/// medians, empty when left blank), the subgroups of the type and year shown, the county and its peers, and every
/// county of the distribution. Written by <see cref="CsvTable"/>; demo values put the demo comment first.
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
        "quality", "state_median", "state_weighted_median", "national_median", "national_weighted_median", "national_percentile", "unit",
        "source_file", "source_kind",
    ];

    /// <summary>A city's file names its places in a <c>city</c> column (its peers and distribution are cities too).</summary>
    public static IReadOnlyList<string> HeaderFor(Geographies.PlaceKind kind) =>
        kind == Geographies.PlaceKind.City ? Header.Select(h => h == "county" ? "city" : h).ToList() : Header;

    public static string FileName(MetricDetail detail) =>
        $"{detail.Kind.Singular}-{detail.Fips}-{detail.Metric.Key}{(detail.Year is { } y ? FormattableString.Invariant($"-{y}") : "")}.csv";

    /// <summary>Writes the rows and returns how many (header not counted).</summary>
    public static async Task<int> WriteAsync(MetricDetail detail, TextWriter output)
    {
        await using var csv = new CsvTable(output);
        if (detail.HasDemoValues)
        {
            await csv.CommentAsync(CsvTable.DemoComment);
        }
        await csv.HeaderAsync(HeaderFor(detail.Kind));
        var unit = CsvTable.UnitName(detail.Metric.Unit);
        var count = 0;

        async Task Row(string section, string fips, string county, string state, short year, string type, string subgroup,
            double? value, double? lower, double? upper, DataQuality? quality, MetricYear? trend, double? percentile)
        {
            csv.Raw(section).Raw(fips).Text(county).Text(state).Text(detail.Metric.Key).Integer(year).Text(type).Text(subgroup)
                .Number(value).Number(lower).Number(upper).Quality(quality)
                .Number(trend?.StateMedian).Number(trend?.StateBenchmark?.Value)
                .Number(trend?.NationalMedian).Number(trend?.NationalBenchmark?.Value)
                .Number(percentile).Raw(unit)
                .Text(trend?.Source?.FileName).Text(trend?.Source is { } source ? Import.SourceKinds.Describe(source.Kind) : null);
            await csv.EndRowAsync();
            count++;
        }

        foreach (var y in detail.Years)
        {
            await Row(TrendSection, detail.Fips, detail.CountyName, detail.StateName, y.Year, Subgroups.AllType, Subgroups.All,
                y.Value, y.LowerBound, y.UpperBound, y.Quality, y, y.Percentile);
        }
        if (detail.SubgroupYear is { } year)
        {
            foreach (var s in detail.Subgroups)
            {
                await Row(SubgroupSection, detail.Fips, detail.CountyName, detail.StateName, year, s.SubgroupType, s.Subgroup,
                    s.Value, s.LowerBound, s.UpperBound, s.Quality, null, null);
            }
            foreach (var p in detail.Peers?.Rows ?? [])
            {
                var r = p.Reading;
                await Row(PeerSection, p.Fips, p.Name, p.StateName, year, Subgroups.AllType, Subgroups.All,
                    r?.Value, r?.LowerBound, r?.UpperBound, r?.Quality, null, r?.Percentile);
            }
            foreach (var v in detail.Distribution?.Values ?? [])
            {
                await Row(DistributionSection, v.Fips, v.Name, v.StateName, year, Subgroups.AllType, Subgroups.All,
                    v.Value, v.LowerBound, v.UpperBound, v.Quality, null, v.Percentile);
            }
        }
        await csv.FlushAsync();
        return count;
    }
}
