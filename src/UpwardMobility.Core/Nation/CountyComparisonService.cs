using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Nation;

/// <summary>Loads the comparison of a few counties in two queries (the counties, then all their whole-population values).</summary>
public sealed class CountyComparisonService(IDbContextFactory<AppDbContext> dbFactory, CountyProfileService profiles)
{
    /// <summary>
    /// The counties that exist among <paramref name="fips"/> (in the order given, at most <see cref="CountyComparison.MaxCounties"/>).
    /// Each metric is shown in <paramref name="year"/> when given, else in the first county's latest year with a value
    /// (or the latest year any of them has), so a row never mixes years.
    /// </summary>
    public async Task<CountyComparison> GetAsync(IReadOnlyList<string> fips, short? year = null, CancellationToken ct = default)
    {
        var wanted = fips.Distinct(StringComparer.Ordinal).Take(CountyComparison.MaxCounties).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Geographies.AsNoTracking()
            .Where(g => g.Kind == GeographyKind.County && wanted.Contains(g.Fips))
            .Select(g => new
            {
                g.Id,
                g.Fips,
                g.Name,
                g.StateAbbr,
                g.StateName,
                Population = db.GeographyPopulations.Where(p => p.GeographyId == g.Id).OrderByDescending(p => p.Year).Select(p => (long?)p.Population).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var counties = wanted
            .Select(f => found.FirstOrDefault(g => g.Fips == f))
            .Where(g => g is not null)
            .Select(g => g!)
            .ToList();
        var ids = counties.Select(c => c.Id).ToList();
        var values = await (
                from v in db.MetricValues.AsNoTracking()
                join m in db.Metrics on v.MetricId equals m.Id
                join i in db.Imports on v.ImportId equals i.Id
                where ids.Contains(v.GeographyId) && v.SubgroupType == Subgroups.AllType && (v.Value != null || v.ValueText != null)
                select new { v.GeographyId, MetricKey = m.Key, v.Year, v.Value, v.LowerBound, v.UpperBound, v.Quality, v.ValueText, i.IsDemo })
            .ToListAsync(ct);
        var fipsById = counties.ToDictionary(c => c.Id, c => c.Fips);
        var byMetric = values.ToLookup(v => v.MetricKey, StringComparer.Ordinal);
        var order = counties.Select(c => c.Fips).ToList();

        var framework = await profiles.GetFrameworkAsync(ct);
        var pillars = new List<ComparisonPillar>();
        foreach (var pillar in framework.Pillars)
        {
            var predictors = new List<ComparisonPredictor>();
            foreach (var predictor in pillar.Predictors)
            {
                var rows = new List<ComparisonRow>();
                foreach (var metric in predictor.Metrics)
                {
                    var metricValues = byMetric[metric.Key].ToList();
                    if (metric.Retired && metricValues.Count == 0)
                    {
                        continue;
                    }
                    var reference = order.Count > 0 ? order[0] : null;
                    short? rowYear = year ?? metricValues
                        .Where(v => fipsById[v.GeographyId] == reference)
                        .Select(v => (short?)v.Year).Max()
                        ?? metricValues.Select(v => (short?)v.Year).Max();
                    var readings = metricValues
                        .Where(v => v.Year == rowYear)
                        .ToDictionary(
                            v => fipsById[v.GeographyId],
                            v => new MetricReading(v.Year, v.Value, v.LowerBound, v.UpperBound, v.Quality, v.ValueText, v.IsDemo),
                            StringComparer.Ordinal);
                    rows.Add(order.Count == 0
                        ? new ComparisonRow(metric, rowYear, [])
                        : CountyComparison.BuildRow(metric, rowYear, order, readings));
                }
                predictors.Add(new ComparisonPredictor(predictor.Key, predictor.Name, rows));
            }
            pillars.Add(new ComparisonPillar(pillar.Key, pillar.Name, predictors));
        }
        return new CountyComparison(
            counties.Select(c => new ComparedCounty(c.Fips, c.Name, c.StateAbbr, c.StateName, c.Population)).ToList(),
            year,
            pillars,
            values.Any(v => v.IsDemo));
    }
}
