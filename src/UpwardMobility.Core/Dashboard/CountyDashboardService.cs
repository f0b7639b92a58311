using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Dashboard;

/// <summary>
/// Everything the county page shows about one metric; <see cref="Trend"/> is every year, with the benchmarks (the pillar
/// page charts it). The benchmarks are Urban's population-weighted medians of counties (see <see cref="CountyBenchmark"/>).
/// </summary>
public sealed record DashboardMetric(
    MetricOutline Metric,
    MetricReading? Reading,
    MetricReading? Previous,
    double? Percentile,
    CountyBenchmark? StateBenchmark,
    CountyBenchmark? NationalBenchmark,
    IReadOnlyList<MetricYear> Trend)
{
    public bool HasData => Reading is not null;

    /// <summary>The metric has values, but none for the year asked for.</summary>
    public bool HasOtherYears => Reading is null && Trend.Count > 0;

    public string? PercentileWords => Reading is null ? null : DashboardWords.PercentileText(Percentile, Metric.Direction, Reading.Value);

    public string? ChangeWords => Reading is null || Previous is null
        ? null
        : DashboardWords.ChangeText(Reading.Value, Previous.Value, Previous.Year, Metric.Unit, Metric.Direction);

    public Standing Standing => Reading is not null && DashboardWords.UsableForJudgement(Reading.Quality) && !Metric.Retired
        ? DashboardWords.StandingOf(Percentile, Metric.Direction)
        : Standing.NotJudged;

    /// <summary>Polyline points of the trend sparkline, or null with fewer than two years.</summary>
    public string? SparklinePoints => Sparkline.Points(
        Trend.Where(t => t.Value is not null).Select(t => (t.Year, t.Value!.Value)).ToList());

    /// <summary>The trend in words, the sparkline's text alternative.</summary>
    public string TrendWords => Trend.Count(t => t.Value is not null) < 2
        ? "Not enough years for a trend."
        : "Trend: " + string.Join(", ", Trend.Where(t => t.Value is not null)
            .Select(t => FormattableString.Invariant($"{t.Year} {MetricFormatter.Format(t.Value, Metric.Unit, t.ValueText)}")));
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
/// Loads the county dashboard in a few set-based queries (values of every year, subgroups), not per metric;
/// percentiles and medians come from <see cref="CountyDistributionCache"/>. Queries run the same on SQLite and PostgreSQL.
/// </summary>
public sealed class CountyDashboardService(
    IDbContextFactory<AppDbContext> dbFactory, CountyProfileService profiles, CountyDistributionCache distributionCache)
{
    /// <summary>The dashboard for the county, or null when there is none. <paramref name="year"/> null: each metric's latest year.</summary>
    public async Task<CountyDashboard?> GetAsync(string fips, short? year = null, CancellationToken ct = default)
    {
        var profile = await profiles.GetAsync(fips, ct);
        if (profile is null)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var geographyId = await db.Geographies.AsNoTracking()
            .Where(g => g.Kind == GeographyKind.County && g.Fips == profile.Fips)
            .Select(g => g.Id)
            .FirstAsync(ct);

        // 1. Every value of the county, every year and subgroup (a few thousand rows at most).
        var values = await (
                from v in db.MetricValues.AsNoTracking()
                join m in db.Metrics on v.MetricId equals m.Id
                join i in db.Imports on v.ImportId equals i.Id
                where v.GeographyId == geographyId && (v.Value != null || v.ValueText != null)
                select new
                {
                    m.Id,
                    m.Key,
                    v.Year,
                    v.SubgroupType,
                    v.Subgroup,
                    v.Value,
                    v.LowerBound,
                    v.UpperBound,
                    v.Quality,
                    v.ValueText,
                    i.IsDemo,
                })
            .ToListAsync(ct);

        // 2. Every county's values of those metrics, for percentiles, the typical county and the national and state benchmarks.
        var stateScope = profile.StateFips;
        var distributions = await distributionCache.GetAsync(values.Select(v => v.Id).Distinct().ToList(), ct);
        double? Median(int metricId, short year, string scope) =>
            distributions.Statistic(metricId, year, Subgroups.AllType, Subgroups.All, scope)?.Median;
        CountyBenchmark? Benchmark(int metricId, short year, string scope) =>
            distributions.Benchmark(metricId, year, Subgroups.AllType, Subgroups.All, scope);
        double? Percentile(int metricId, short year, double? value) =>
            distributions.Percentile(metricId, year, Subgroups.AllType, Subgroups.All, value);

        var whole = values.Where(v => v.SubgroupType == Subgroups.AllType).ToList();
        var byMetric = whole.GroupBy(v => v.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(v => v.Year).ToList(), StringComparer.Ordinal);
        var metricIds = values.GroupBy(v => v.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var availableYears = whole.Select(v => v.Year).Distinct().Order().ToList();

        var framework = await profiles.GetFrameworkAsync(ct);
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
                var reading = current is null ? null : new MetricReading(current.Year, current.Value, current.LowerBound, current.UpperBound, current.Quality, current.ValueText, current.IsDemo);
                var previousReading = previous is null ? null : new MetricReading(previous.Year, previous.Value, previous.LowerBound, previous.UpperBound, previous.Quality, previous.ValueText, previous.IsDemo);
                CountyBenchmark? stateBenchmark = null, nationalBenchmark = null;
                double? iqr = null, percentile = null;
                if (current is not null)
                {
                    shown.Add(reading!);
                    stateBenchmark = Benchmark(current.Id, current.Year, stateScope);
                    nationalBenchmark = Benchmark(current.Id, current.Year, MetricStatistic.NationalScope);
                    var national = distributions.Statistic(current.Id, current.Year, Subgroups.AllType, Subgroups.All, MetricStatistic.NationalScope);
                    iqr = national is null ? null : national.P75 - national.P25;
                    percentile = Percentile(current.Id, current.Year, current.Value);
                    candidates.Add(new SummaryCandidate(q.Key, q.Name, m.Key, m.Label, m.Direction, m.Retired, current.Quality, percentile));
                    if (!m.Retired && metricIds.TryGetValue(m.Key, out var metricId))
                    {
                        var subgroupReadings = values
                            .Where(v => v.Id == metricId && v.Year == current.Year && v.SubgroupType != Subgroups.AllType && v.Value != null)
                            .Select(v => new SubgroupReading(v.SubgroupType, v.Subgroup, v.Value!.Value, v.LowerBound, v.UpperBound, v.Quality));
                        gaps.AddRange(SummaryChooser.GapsFor(m.Key, m.Label, m.Unit, subgroupReadings, iqr));
                    }
                }
                metrics.Add(new DashboardMetric(
                    m,
                    reading,
                    previousReading,
                    percentile,
                    stateBenchmark,
                    nationalBenchmark,
                    series.Select(v => new MetricYear(
                        v.Year, v.Value, v.LowerBound, v.UpperBound, v.Quality, v.ValueText, Percentile(v.Id, v.Year, v.Value),
                        Median(v.Id, v.Year, stateScope),
                        Median(v.Id, v.Year, MetricStatistic.NationalScope))
                    {
                        StateBenchmark = Benchmark(v.Id, v.Year, stateScope),
                        NationalBenchmark = Benchmark(v.Id, v.Year, MetricStatistic.NationalScope),
                    }).ToList()));
            }
            return new DashboardPredictor(q.Key, q.Name, q.Description, metrics);
        }).ToList())).ToList();

        var (strengths, weaknesses) = SummaryChooser.ChoosePredictors(candidates);
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
