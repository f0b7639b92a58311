using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Nation;

/// <summary>The comparison of a few counties (or cities), from their profiles (the one read path of a place's values).</summary>
public sealed class CountyComparisonService(CountyProfileService profiles)
{
    /// <summary>
    /// The counties that exist among <paramref name="fips"/> (in the order given, at most <see cref="CountyComparison.MaxCounties"/>).
    /// Each metric is shown in <paramref name="year"/> when given, else in the first county's latest year with a value
    /// (or the latest year any of them has), so a row never mixes years.
    /// </summary>
    public async Task<CountyComparison> GetAsync(IReadOnlyList<string> fips, short? year = null, CancellationToken ct = default)
    {
        var wanted = fips.Distinct(StringComparer.Ordinal).Take(CountyComparison.MaxCounties).ToList();
        var found = await profiles.GetManyAsync(wanted, new CountyValueFilter(WholePopulationOnly: true), ct);
        // One kind per comparison, the reference's: a city is compared with cities, a county with counties.
        var kind = found.Count > 0 ? found[0].Kind : PlaceKind.County;
        var counties = found.Where(c => c.Kind == kind).ToList();
        var otherKind = found.Where(c => c.Kind != kind).Select(c => c.Fips).ToList();
        var byMetric = counties
            .SelectMany(c => c.Values.Select(v => (c.Fips, Value: v)))
            .ToLookup(x => x.Value.MetricKey, StringComparer.Ordinal);
        var order = counties.Select(c => c.Fips).ToList();
        var framework = counties.Count > 0 ? counties[0].Framework : await profiles.GetFrameworkAsync(ct);
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
                        .Where(v => v.Fips == reference)
                        .Select(v => (short?)v.Value.Year).Max()
                        ?? metricValues.Select(v => (short?)v.Value.Year).Max();
                    var readings = metricValues
                        .Where(v => v.Value.Year == rowYear)
                        .ToDictionary(v => v.Fips, v => v.Value.Reading, StringComparer.Ordinal);
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
            counties.Any(c => c.Values.Any(v => v.IsDemo)))
        {
            Kind = kind,
            OtherKindLeftOut = otherKind,
        };
    }
}
