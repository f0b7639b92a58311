using UpwardMobility.Core.Csv;

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
        $"rankings-{(section.Kind == Geographies.PlaceKind.City ? "cities-" : "")}{section.Metric.Key}{(section.Year is { } y ? FormattableString.Invariant($"-{y}") : "")}{(stateFips is null ? "" : "-" + stateFips)}.csv";

    public static async Task<int> WriteAsync(MetricCrossSection section, IEnumerable<RankedCounty> rows, TextWriter output)
    {
        await using var csv = new CsvTable(output);
        if (section.HasDemoValues)
        {
            await csv.CommentAsync(CsvTable.DemoComment);
        }
        await csv.HeaderAsync(section.Kind == Geographies.PlaceKind.City ? Header.Select(h => h == "county" ? "city" : h).ToList() : Header);
        var unit = CsvTable.UnitName(section.Metric.Unit);
        var count = 0;
        foreach (var ranked in rows)
        {
            var row = ranked.Row;
            csv.Integer(ranked.Rank > 0 ? ranked.Rank : null).Raw(row.Fips).Text(row.Name).Text(row.StateAbbr).Text(section.Metric.Key)
                .Integer(section.Year).Text(section.Subgroup.Type).Text(section.Subgroup.Label);
            if (row.Value is null && row.ValueText is not null)
            {
                csv.Text(row.ValueText);
            }
            else
            {
                csv.Number(row.Value);
            }
            csv.Number(row.LowerBound).Number(row.UpperBound).Quality(row.Quality).Number(row.Percentile).Number(ranked.BetterThan)
                .Integer(row.Population).Raw(unit).Raw(row.IsDemo ? "true" : "false");
            await csv.EndRowAsync();
            count++;
        }
        await csv.FlushAsync();
        return count;
    }
}
