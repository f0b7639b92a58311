using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Nation;

/// <summary>
/// Reads one metric across all counties (or all cities) for one year and subgroup. Years, subgroups and percentiles come from the
/// in-memory county distributions, the values from one indexed query (metric, year, subgroup), and names and
/// populations from the cached county directory.
/// </summary>
public sealed class MetricCrossSectionService(
    IDbContextFactory<AppDbContext> dbFactory, CountyDirectoryService directory, CountyDistributionCache distributionCache)
{
    /// <summary>Null when the metric does not exist. An unknown year or subgroup falls back to the defaults.</summary>
    public async Task<MetricCrossSection?> GetAsync(
        string? metricKey, short? year = null, string? subgroup = null, string? subgroupType = null, CancellationToken ct = default,
        GeographyKind kind = GeographyKind.County)
    {
        if (string.IsNullOrWhiteSpace(metricKey))
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var metric = await (
                from m in db.Metrics.AsNoTracking()
                join q in db.Predictors on m.PredictorId equals q.Id
                join p in db.Pillars on q.PillarId equals p.Id
                where m.Key == metricKey
                select new
                {
                    m.Id,
                    Outline = new MetricOutline(m.Key, m.Label, m.Description, m.Unit, m.Direction, m.Retired, m.Source, m.Caveats) { SpecialValueTexts = m.SpecialValues, CompositionTexts = m.CompositionSubgroups },
                    PillarName = p.Name,
                    PredictorName = q.Name,
                })
            .FirstOrDefaultAsync(ct);
        if (metric is null)
        {
            return null;
        }

        var distributions = await distributionCache.GetAsync(kind, [metric.Id], ct);
        var published = distributions.Groups(metric.Id);
        var subgroups = published
            .Select(s => new SubgroupChoice(s.SubgroupType, s.Subgroup))
            .Distinct()
            .OrderBy(s => s.IsAll ? 0 : 1)
            .ThenBy(s => s.Type == SubgroupTypes.RaceEthnicity ? 0 : 1)
            .ThenBy(s => s.Type, StringComparer.Ordinal)
            .ThenBy(s => s.Label, StringComparer.Ordinal)
            .ToList();
        var chosen = Choose(subgroups, subgroup, subgroupType);
        var years = published
            .Where(s => s.SubgroupType == chosen.Type && s.Subgroup == chosen.Label)
            .Select(s => s.Year)
            .Distinct()
            .Order()
            .ToList();
        short? shownYear = year is { } y && years.Contains(y) ? y : years.Count > 0 ? years[^1] : null;

        var rows = new List<CrossSectionRow>();
        if (shownYear is { } yearValue)
        {
            var values = await (
                    from v in db.MetricValues.AsNoTracking()
                    join g in db.Geographies on v.GeographyId equals g.Id
                    join i in db.Imports on v.ImportId equals i.Id
                    where v.MetricId == metric.Id && v.Year == yearValue
                        && v.SubgroupType == chosen.Type && v.Subgroup == chosen.Label
                        && g.Kind == kind && !g.Hidden
                        && (v.Value != null || v.ValueText != null)
                    select new
                    {
                        g.Fips,
                        g.Name,
                        g.StateFips,
                        g.StateAbbr,
                        g.StateName,
                        v.Value,
                        v.LowerBound,
                        v.UpperBound,
                        v.Quality,
                        v.ValueText,
                        i.IsDemo,
                    })
                .ToListAsync(ct);
            var snapshot = await directory.GetSnapshotAsync(ct);
            var index = kind == GeographyKind.City ? snapshot.Cities : snapshot.Index;
            rows.AddRange(values.Select(v => new CrossSectionRow(
                v.Fips, v.Name, v.StateFips, v.StateAbbr, v.StateName, index.FindByCode(v.Fips)?.Population,
                v.Value, v.LowerBound, v.UpperBound, v.Quality, v.ValueText,
                distributions.Percentile(metric.Id, yearValue, chosen.Type, chosen.Label, v.Value), v.IsDemo)));
            rows.Sort((a, b) => string.CompareOrdinal(a.Fips, b.Fips));
        }
        var benchmarks = new Dictionary<string, CountyBenchmark>(StringComparer.Ordinal);
        var typical = new Dictionary<string, double>(StringComparer.Ordinal);
        if (shownYear is { } benchmarkYear)
        {
            foreach (var scope in rows.Select(r => r.StateFips).Distinct().Prepend(MetricStatistic.NationalScope))
            {
                if (distributions.Benchmark(metric.Id, benchmarkYear, chosen.Type, chosen.Label, scope) is { } benchmark)
                {
                    benchmarks[scope] = benchmark;
                }
                if (distributions.Statistic(metric.Id, benchmarkYear, chosen.Type, chosen.Label, scope) is { } statistic)
                {
                    typical[scope] = statistic.Median;
                }
            }
        }
        return new MetricCrossSection(metric.Outline, metric.PillarName, metric.PredictorName, shownYear, years, chosen, subgroups, rows)
        {
            Benchmarks = benchmarks,
            TypicalCounty = typical,
            Kind = PlaceKind.Of(kind),
        };
    }

    /// <summary>
    /// The subgroup asked for by its label (and type when labels repeat across types); the whole population otherwise.
    /// </summary>
    public static SubgroupChoice Choose(IReadOnlyList<SubgroupChoice> available, string? label, string? type)
    {
        label = label?.Trim();
        type = type?.Trim();
        if (string.IsNullOrEmpty(label) || Subgroups.IsAll(label))
        {
            return SubgroupChoice.All;
        }
        var matches = available
            .Where(s => string.Equals(s.Label, label, StringComparison.OrdinalIgnoreCase))
            .Where(s => string.IsNullOrEmpty(type) || string.Equals(s.Type, SubgroupTypes.Normalize(type), StringComparison.OrdinalIgnoreCase))
            .ToList();
        return matches.Count > 0 ? matches[0] : SubgroupChoice.All;
    }
}
