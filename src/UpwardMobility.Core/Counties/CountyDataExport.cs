using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Csv;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Counties;

/// <summary>The county (or city) an export is for.</summary>
public sealed record CountyExportTarget(int GeographyId, string Fips, string Name, string StateName)
{
    public PlaceKind Kind { get; init; } = PlaceKind.County;

    /// <summary><c>county-06037-upward-mobility.csv</c>, <c>city-0644000-upward-mobility.csv</c></summary>
    public string FileName => $"{Kind.Singular}-{Fips}-upward-mobility.csv";
}

/// <summary>
/// A county's values as a tidy CSV: one row per value (metric, year, subgroup), machine columns first
/// (<see cref="Header"/>), then readable ones. Written row by row from the database reader, never held whole.
/// Written by <see cref="CsvTable"/>; a county with demo values gets its demo comment first.
/// </summary>
public sealed class CountyDataExport(IDbContextFactory<AppDbContext> dbFactory)
{
    public static readonly IReadOnlyList<string> Header =
    [
        "fips", "year", "subgroup_type", "subgroup", "metric", "value", "lower_bound", "upper_bound", "quality",
        "county_name", "state", "metric_label", "pillar", "predictor", "unit", "value_text",
    ];

    public const string ContentType = CsvTable.ContentType;

    /// <summary>A city's file names its place in <c>city_name</c>, where a county's has <c>county_name</c>.</summary>
    public static IReadOnlyList<string> HeaderFor(PlaceKind kind) =>
        kind == PlaceKind.City ? Header.Select(h => h == "county_name" ? "city_name" : h).ToList() : Header;

    /// <summary>Writes the header and every value of the county; returns the number of value rows written.</summary>
    public async Task<int> WriteCsvAsync(CountyExportTarget county, TextWriter output, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows =
            from v in db.MetricValues.AsNoTracking()
            join m in db.Metrics on v.MetricId equals m.Id
            join p in db.Predictors on m.PredictorId equals p.Id
            join pillar in db.Pillars on p.PillarId equals pillar.Id
            where v.GeographyId == county.GeographyId
            orderby pillar.SortOrder, pillar.Id, p.SortOrder, p.Id, m.SortOrder, m.Id, v.Year,
                v.SubgroupType == Subgroups.AllType ? 0 : 1, v.SubgroupType, v.Subgroup
            select new ExportRow(v.Year, v.SubgroupType, v.Subgroup, m.Key, v.Value, v.LowerBound, v.UpperBound, v.Quality,
                m.Label, pillar.Name, p.Name, m.Unit, v.ValueText);

        var hasDemo = await (
                from v in db.MetricValues.AsNoTracking()
                join i in db.Imports on v.ImportId equals i.Id
                where v.GeographyId == county.GeographyId && i.IsDemo
                select v.Year)
            .AnyAsync(ct);
        await using var csv = new CsvTable(output);
        if (hasDemo)
        {
            await csv.CommentAsync(CsvTable.DemoComment);
        }
        await csv.HeaderAsync(HeaderFor(county.Kind));

        var count = 0;
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            csv.Raw(county.Fips).Integer(row.Year).Text(row.SubgroupType).Text(row.Subgroup).Text(row.Metric)
                .Number(row.Value).Number(row.LowerBound).Number(row.UpperBound).Quality(row.Quality)
                .Text(county.Name).Text(county.StateName).Text(row.Label).Text(row.Pillar).Text(row.Predictor)
                .Raw(CsvTable.UnitName(row.Unit)).Text(row.ValueText);
            await csv.EndRowAsync();
            count++;
        }
        await csv.FlushAsync();
        return count;
    }

    private sealed record ExportRow(short Year, string SubgroupType, string Subgroup, string Metric, double? Value, double? LowerBound,
        double? UpperBound, DataQuality Quality, string Label, string Pillar, string Predictor, MetricUnit Unit, string? ValueText);
}
