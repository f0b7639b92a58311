using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Dashboard;

/// <summary>One year of the trend chart: the county's value and interval, the state and national medians.</summary>
public sealed record MetricYear(
    short Year,
    double? Value,
    double? LowerBound,
    double? UpperBound,
    DataQuality Quality,
    string? ValueText,
    double? Percentile,
    double? StateMedian,
    double? NationalMedian);

/// <summary>One metric for one county in depth: the catalog entry, every year, the subgroups of the year shown.</summary>
public sealed record MetricDetail(
    string Fips,
    string CountyName,
    string StateName,
    string StateAbbr,
    MetricOutline Metric,
    string PillarKey,
    string PillarName,
    string PredictorName,
    short? Year,
    IReadOnlyList<MetricYear> Years,
    IReadOnlyList<SubgroupReading> Subgroups,
    IReadOnlyList<SubgroupGap> Gaps,
    bool HasDemoValues)
{
    /// <summary>The year whose subgroups are shown: the year asked for, else the latest with a value.</summary>
    public short? SubgroupYear => Year ?? Years.LastOrDefault(y => y.Value is not null)?.Year;

    /// <summary>The county's whole-population value in <see cref="SubgroupYear"/>.</summary>
    public MetricYear? Current => Years.LastOrDefault(y => y.Year == SubgroupYear);
}

/// <summary>Loads one metric of one county in four small queries. Runs the same on SQLite and PostgreSQL.</summary>
public sealed class MetricDetailService(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>Null when the county or the metric does not exist.</summary>
    public async Task<MetricDetail?> GetAsync(string fips, string metricKey, short? year = null, CancellationToken ct = default)
    {
        if (fips is not { Length: 5 } || !CountyText.IsDigits(fips) || string.IsNullOrWhiteSpace(metricKey))
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var county = await db.Geographies.AsNoTracking()
            .Where(g => g.Kind == GeographyKind.County && g.Fips == fips)
            .Select(g => new { g.Id, g.Fips, g.Name, g.StateFips, g.StateName, g.StateAbbr })
            .FirstOrDefaultAsync(ct);
        if (county is null)
        {
            return null;
        }
        var metric = await (
                from m in db.Metrics.AsNoTracking()
                join q in db.Predictors on m.PredictorId equals q.Id
                join p in db.Pillars on q.PillarId equals p.Id
                where m.Key == metricKey
                select new
                {
                    m.Id,
                    Outline = new MetricOutline(m.Key, m.Label, m.Description, m.Unit, m.Direction, m.Retired, m.Source, m.Caveats),
                    PillarKey = p.Key,
                    PillarName = p.Name,
                    PredictorName = q.Name,
                })
            .FirstOrDefaultAsync(ct);
        if (metric is null)
        {
            return null;
        }

        var values = await (
                from v in db.MetricValues.AsNoTracking()
                join i in db.Imports on v.ImportId equals i.Id
                where v.GeographyId == county.Id && v.MetricId == metric.Id && (v.Value != null || v.ValueText != null)
                select new { v.Year, v.SubgroupType, v.Subgroup, v.Value, v.LowerBound, v.UpperBound, v.Quality, v.ValueText, v.NationalPercentile, i.IsDemo })
            .ToListAsync(ct);
        var stateScope = county.StateFips;
        var statistics = await db.MetricStatistics.AsNoTracking()
            .Where(s => s.MetricId == metric.Id && s.SubgroupType == Subgroups.AllType
                && (s.Scope == MetricStatistic.NationalScope || s.Scope == stateScope))
            .Select(s => new { s.Year, s.Scope, s.Median, s.P25, s.P75 })
            .ToListAsync(ct);
        var medians = statistics.ToDictionary(s => (s.Year, s.Scope));

        var years = values.Where(v => v.SubgroupType == Subgroups.AllType)
            .OrderBy(v => v.Year)
            .Select(v => new MetricYear(
                v.Year, v.Value, v.LowerBound, v.UpperBound, v.Quality, v.ValueText, v.NationalPercentile,
                medians.GetValueOrDefault((v.Year, stateScope))?.Median,
                medians.GetValueOrDefault((v.Year, MetricStatistic.NationalScope))?.Median))
            .ToList();
        var subgroupYear = year ?? years.LastOrDefault(y => y.Value is not null)?.Year;
        var subgroups = values
            .Where(v => v.SubgroupType != Subgroups.AllType && v.Year == subgroupYear && v.Value is not null)
            .OrderBy(v => v.SubgroupType == SubgroupTypes.RaceEthnicity ? 0 : 1)
            .ThenBy(v => v.SubgroupType, StringComparer.Ordinal)
            .ThenBy(v => v.Subgroup, StringComparer.Ordinal)
            .Select(v => new SubgroupReading(v.SubgroupType, v.Subgroup, v.Value!.Value, v.LowerBound, v.UpperBound, v.Quality))
            .ToList();
        var national = subgroupYear is { } sy ? medians.GetValueOrDefault((sy, MetricStatistic.NationalScope)) : null;
        var scale = national is { P25: { } lo, P75: { } hi } ? hi - lo : (double?)null;

        return new MetricDetail(
            county.Fips,
            county.Name,
            county.StateName,
            county.StateAbbr,
            metric.Outline,
            metric.PillarKey,
            metric.PillarName,
            metric.PredictorName,
            year,
            years,
            subgroups,
            SummaryChooser.GapsFor(metric.Outline.Key, metric.Outline.Label, metric.Outline.Unit, subgroups, scale),
            values.Any(v => v.IsDemo));
    }
}
