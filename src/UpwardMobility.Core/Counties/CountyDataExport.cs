using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Counties;

/// <summary>The county an export is for.</summary>
public sealed record CountyExportTarget(int GeographyId, string Fips, string Name, string StateName)
{
    /// <summary><c>county-06037-upward-mobility.csv</c></summary>
    public string FileName => $"county-{Fips}-upward-mobility.csv";
}

/// <summary>
/// A county's values as a tidy CSV: one row per value (metric, year, subgroup), machine columns first
/// (<see cref="Header"/>), then readable ones. Written row by row from the database reader, never held whole.
/// Numbers are invariant culture in round-trip form, so they parse back to exactly the stored doubles.
/// </summary>
public sealed class CountyDataExport(IDbContextFactory<AppDbContext> dbFactory)
{
    public static readonly IReadOnlyList<string> Header =
    [
        "fips", "year", "subgroup_type", "subgroup", "metric", "value", "lower_bound", "upper_bound", "quality",
        "county_name", "state", "metric_label", "pillar", "predictor", "unit", "value_text",
    ];

    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>The county with this 5-digit FIPS code, or null when there is none.</summary>
    public async Task<CountyExportTarget?> FindCountyAsync(string fips, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Geographies.AsNoTracking()
            .Where(g => g.Kind == GeographyKind.County && g.Fips == fips)
            .Select(g => new CountyExportTarget(g.Id, g.Fips, g.Name, g.StateName))
            .FirstOrDefaultAsync(ct);
    }

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

        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            NewLine = "\n",
            // Neutralised per column below: CsvHelper's own option would also escape negative numbers.
            InjectionOptions = InjectionOptions.None,
        };
        await using var csv = new CsvWriter(output, config, leaveOpen: true);
        foreach (var name in Header)
        {
            csv.WriteField(name);
        }
        await csv.NextRecordAsync();

        var countyName = Text(county.Name);
        var stateName = Text(county.StateName);
        var count = 0;
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            csv.WriteField(county.Fips);
            csv.WriteField(row.Year.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(Text(row.SubgroupType));
            csv.WriteField(Text(row.Subgroup));
            csv.WriteField(Text(row.Metric));
            csv.WriteField(Number(row.Value));
            csv.WriteField(Number(row.LowerBound));
            csv.WriteField(Number(row.UpperBound));
            csv.WriteField(QualityWord(row.Quality));
            csv.WriteField(countyName);
            csv.WriteField(stateName);
            csv.WriteField(Text(row.Label));
            csv.WriteField(Text(row.Pillar));
            csv.WriteField(Text(row.Predictor));
            csv.WriteField(UnitName(row.Unit));
            csv.WriteField(Text(row.ValueText));
            await csv.NextRecordAsync();
            count++;
        }
        await csv.FlushAsync();
        return count;
    }

    /// <summary>Round-trip form: parses back (invariant culture) to exactly the same double. Empty when missing.</summary>
    public static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    public static string QualityWord(DataQuality quality) => quality switch
    {
        DataQuality.Strong => "Strong",
        DataQuality.Marginal => "Marginal",
        DataQuality.Weak => "Weak",
        _ => "",
    };

    public static string UnitName(MetricUnit unit) => unit switch
    {
        MetricUnit.Share => "share (0 to 1)",
        MetricUnit.Dollars => "dollars",
        MetricUnit.RatePer100k => "rate per 100,000",
        MetricUnit.RatePer10k => "rate per 10,000",
        MetricUnit.Count => "count",
        MetricUnit.Ratio => "ratio",
        MetricUnit.Index => "index",
        MetricUnit.AbRatio => "ratio a:b (value is a/b)",
        _ => "",
    };

    /// <summary>
    /// A text cell a spreadsheet could take for a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>,
    /// tab or carriage return) is prefixed with <c>'</c> so it shows as text. Numeric columns never pass through here.
    /// </summary>
    public static string Text(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        return text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
    }

    private sealed record ExportRow(short Year, string SubgroupType, string Subgroup, string Metric, double? Value, double? LowerBound,
        double? UpperBound, DataQuality Quality, string Label, string Pillar, string Predictor, MetricUnit Unit, string? ValueText);
}
