using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Judgement;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Dashboard;

/// <summary>Everything the county page shows about one metric; <see cref="Trend"/> is every year, with the medians (the pillar page charts it).</summary>
/// <param name="Standing">Where the value stands among US counties (ties, intervals, Weak and special values handled).</param>
public sealed record DashboardMetric(
    MetricOutline Metric,
    MetricReading? Reading,
    MetricReading? Previous,
    Standing? Standing,
    CountyBenchmark? StateBenchmark,
    CountyBenchmark? NationalBenchmark,
    IReadOnlyList<MetricYear> Trend)
{
    public bool HasData => Reading is not null;

    /// <summary>The metric has values, but none for the year asked for.</summary>
    public bool HasOtherYears => Reading is null && Trend.Count > 0;

    /// <summary>The share of ranked US counties this value is better than; null when not ranked.</summary>
    public double? Percentile => Standing?.BetterThanShare;

    /// <summary>The change from the previous year with a value, judged by the two years' intervals; null without both.</summary>
    public Difference? Change => Reading?.Estimate is { } now && Previous?.Estimate is { } then
        ? Judge.Change(Metric, now, then, Previous.Year)
        : null;

    /// <summary>The colour band: only ranked values of current measures.</summary>
    public StandingBand Band => Metric.Retired ? StandingBand.NotJudged : Standing?.Band ?? StandingBand.NotJudged;

    /// <summary>Polyline points of the trend sparkline, or null with fewer than two years.</summary>
    public string? SparklinePoints => Sparkline.Points(
        Trend.Where(t => t.Value is not null).Select(t => (t.Year, t.Value!.Value)).ToList());

    /// <summary>The trend in words, the sparkline's text alternative.</summary>
    public string TrendWords => Trend.Count(t => t.Value is not null) < 2
        ? "Not enough years for a trend."
        : "Trend: " + string.Join(", ", Trend.Where(t => t.Value is not null)
            .Select(t => FormattableString.Invariant($"{t.Year} {MetricRules.Format(Metric, t.Value, t.ValueText)}")));
}

public sealed record DashboardPredictor(string Key, string Name, string Description, IReadOnlyList<DashboardMetric> Metrics)
{
    public bool HasData => Metrics.Any(m => m.HasData);
}

public sealed record DashboardPillar(string Key, string Name, string Description, IReadOnlyList<DashboardPredictor> Predictors)
{
    public string Anchor => "pillar-" + Key;

    public bool HasData => Predictors.Any(p => p.HasData);
}

/// <summary>The county page: the profile (header facts), the year shown, the pillars with every metric, the summary.</summary>
public sealed record CountyDashboard(
    CountyProfile Profile,
    IReadOnlyList<DimensionOutline> Dimensions,
    short? Year,
    IReadOnlyList<short> AvailableYears,
    IReadOnlyList<short> YearsShown,
    bool HasDemoValues,
    IReadOnlyList<DashboardPillar> Pillars,
    DashboardSummary Summary)
{
    public int MetricsWithData => Pillars.Sum(p => p.Predictors.Sum(q => q.Metrics.Count(m => m.HasData)));
}

/// <summary>
/// Builds the county and pillar pages from the county's one read (<see cref="CountyProfileService"/>: every value, the
/// framework); standings and medians come from <see cref="CountyDistributionCache"/>, judged by <see cref="Judgement"/>.
/// </summary>
public sealed class CountyDashboardService(CountyProfileService profiles, CountyDistributionCache distributionCache)
{
    /// <summary>The dashboard for the county, or null when there is none. <paramref name="year"/> null: each metric's latest year.</summary>
    public async Task<CountyDashboard?> GetAsync(string fips, short? year = null, CancellationToken ct = default)
    {
        var profile = await profiles.GetAsync(fips, ct);
        if (profile is null)
        {
            return null;
        }
        var values = profile.Values;
        var stateScope = profile.StateFips;
        var distributions = await distributionCache.GetAsync(profile.Kind.Kind, values.Select(v => v.MetricId).Distinct().ToList(), ct);
        double? Median(int metricId, short y, string scope) =>
            distributions.Statistic(metricId, y, Subgroups.AllType, Subgroups.All, scope)?.Median;
        CountyBenchmark? Benchmark(int metricId, short y, string scope) =>
            distributions.Benchmark(metricId, y, Subgroups.AllType, Subgroups.All, scope);

        var byMetric = values.Where(v => v.IsWholePopulation)
            .GroupBy(v => v.MetricKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(v => v.Year).ToList(), StringComparer.Ordinal);
        var subgroupsByMetric = values.Where(v => !v.IsWholePopulation && v.Value != null)
            .ToLookup(v => (v.MetricKey, v.Year));
        var availableYears = values.Where(v => v.IsWholePopulation).Select(v => v.Year).Distinct().Order().ToList();

        var framework = profile.Framework;
        var candidates = new List<SummaryCandidate>();
        var gaps = new List<SubgroupGap>();
        var shown = new List<MetricReading>();

        var pillars = framework.Pillars.Select(p => new DashboardPillar(p.Key, p.Name, p.Description, p.Predictors.Select(q =>
        {
            var metrics = new List<DashboardMetric>();
            foreach (var m in q.Metrics)
            {
                var series = byMetric.GetValueOrDefault(m.Key) ?? [];
                if (series.Count == 0 && m.Retired)
                {
                    continue;
                }
                var current = year is { } y ? series.LastOrDefault(v => v.Year == y) : series.LastOrDefault();
                var previous = current is null ? null : series.LastOrDefault(v => v.Year < current.Year && v.Value != null);
                var reading = current?.Reading;
                Standing? standing = null;
                CountyBenchmark? stateBenchmark = null, nationalBenchmark = null;
                if (current is not null)
                {
                    shown.Add(reading!);
                    stateBenchmark = Benchmark(current.MetricId, current.Year, stateScope);
                    nationalBenchmark = Benchmark(current.MetricId, current.Year, MetricStatistic.NationalScope);
                    var national = distributions.Statistic(current.MetricId, current.Year, Subgroups.AllType, Subgroups.All, MetricStatistic.NationalScope);
                    standing = Standings.AmongCounties(distributions, current.MetricId, current.Year, m, reading!.Estimate);
                    candidates.Add(new SummaryCandidate(q.Key, q.Name, m.Key, m.Label, m.Direction, m.Retired, current.Quality, standing));
                    if (!m.Retired)
                    {
                        var subgroupReadings = subgroupsByMetric[(m.Key, current.Year)]
                            .Select(v => new SubgroupReading(v.SubgroupType, v.Subgroup, v.Value!.Value, v.LowerBound, v.UpperBound, v.Quality));
                        var iqr = national is null ? (double?)null : national.P75 - national.P25;
                        gaps.AddRange(SummaryChooser.GapsFor(m, subgroupReadings, iqr));
                    }
                }
                metrics.Add(new DashboardMetric(
                    m,
                    reading,
                    previous?.Reading,
                    standing,
                    stateBenchmark,
                    nationalBenchmark,
                    series.Select(v => new MetricYear(
                        v.Year, v.Value, v.LowerBound, v.UpperBound, v.Quality, v.ValueText,
                        distributions.Percentile(v.MetricId, v.Year, Subgroups.AllType, Subgroups.All, v.Value),
                        Median(v.MetricId, v.Year, stateScope),
                        Median(v.MetricId, v.Year, MetricStatistic.NationalScope))
                    {
                        StateBenchmark = Benchmark(v.MetricId, v.Year, stateScope),
                        NationalBenchmark = Benchmark(v.MetricId, v.Year, MetricStatistic.NationalScope),
                    }).ToList()));
            }
            return new DashboardPredictor(q.Key, q.Name, q.Description, metrics);
        }).ToList())).ToList();

        var (strengths, weaknesses) = SummaryChooser.ChoosePredictors(candidates, kind: profile.Kind);
        return new CountyDashboard(
            profile,
            framework.Dimensions,
            year,
            availableYears,
            shown.Select(r => r.Year).Distinct().Order().ToList(),
            shown.Any(r => r.IsDemo),
            pillars,
            new DashboardSummary(strengths, weaknesses, SummaryChooser.LargestGaps(gaps)));
    }
}
