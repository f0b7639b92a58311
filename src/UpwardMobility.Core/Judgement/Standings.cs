using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Judgement;

/// <summary>Standings read against the cached county distributions (the whole-population values of every county).</summary>
public static class Standings
{
    /// <summary>
    /// Where <paramref name="county"/> stands among every US county's value in the year that is not Weak (every US
    /// city's, for the distributions of cities); null without a value.
    /// </summary>
    public static Standing? AmongCounties(CountyDistributions distributions, int metricId, short year, MetricOutline metric, Estimate? county)
    {
        if (county is null)
        {
            return null;
        }
        var pool = new RankPool(distributions.RankedValues(metricId, year, Subgroups.AllType, Subgroups.All), metric.Specials);
        return Standing.Of(metric, county, pool, distributions.Kind.UsPlural, distributions.Kind);
    }
}
