namespace UpwardMobility.Core.Metrics;

/// <summary>One county's value as <see cref="CountyDistributionCache"/> loads it (cities are never ranked with counties).</summary>
public readonly record struct CountyValueRow(
    int MetricId, short Year, string SubgroupType, string Subgroup, string StateFips, double Value,
    int GeographyId = 0, DataQuality Quality = DataQuality.Unknown, int ImportId = 0);

/// <summary>A national group of one metric: its counties in one year and subgroup.</summary>
public readonly record struct CountyGroupKey(short Year, string SubgroupType, string Subgroup);

/// <summary>
/// Loaded metrics' county values, sorted per year and subgroup, with their medians, quartiles and population-weighted
/// benchmarks. Percentiles are read from here at page time instead of being stored on every value, which made each
/// import rewrite ~1M rows; benchmarks are computed once when a metric is loaded.
/// Immutable: one instance serves concurrent requests, and adding metrics makes a new one.
/// </summary>
public sealed class CountyDistributions
{
    public static readonly CountyDistributions Empty = new(new Dictionary<int, IReadOnlyDictionary<CountyGroupKey, CountyGroup>>(), CountyPopulations.Empty);

    private readonly IReadOnlyDictionary<int, IReadOnlyDictionary<CountyGroupKey, CountyGroup>> _metrics;

    private CountyDistributions(IReadOnlyDictionary<int, IReadOnlyDictionary<CountyGroupKey, CountyGroup>> metrics, CountyPopulations populations)
    {
        _metrics = metrics;
        Populations = populations;
    }

    /// <summary>The county populations the benchmarks are weighted by.</summary>
    public CountyPopulations Populations { get; }

    /// <summary>The distributions of <paramref name="rows"/>, in any order, weighted by <paramref name="populations"/>.</summary>
    public static CountyDistributions Create(IEnumerable<CountyValueRow> rows, CountyPopulations? populations = null)
    {
        var builder = new CountyGroupsBuilder();
        foreach (var row in rows)
        {
            builder.Add(row);
        }
        return Empty.WithPopulations(populations ?? CountyPopulations.Empty).With(builder, []);
    }

    /// <summary>An empty instance whose benchmarks will be weighted by <paramref name="populations"/>.</summary>
    internal CountyDistributions WithPopulations(CountyPopulations populations) => new(_metrics, populations);

    /// <summary>Counties or cities: whose values these are.</summary>
    public Geographies.PlaceKind Kind => Populations.Kind;

    internal bool Has(int metricId) => _metrics.ContainsKey(metricId);

    /// <summary>
    /// A new instance with the metrics of <paramref name="builder"/> added; <paramref name="loaded"/> also counts the
    /// metrics that have no county value as loaded, so they are not queried again.
    /// </summary>
    internal CountyDistributions With(CountyGroupsBuilder builder, IEnumerable<int> loaded)
    {
        var metrics = new Dictionary<int, IReadOnlyDictionary<CountyGroupKey, CountyGroup>>(_metrics);
        foreach (var id in loaded)
        {
            metrics[id] = NoGroups;
        }
        foreach (var (id, groups) in builder.Build(Populations))
        {
            metrics[id] = groups;
        }
        return new(metrics, Populations);
    }

    private static readonly IReadOnlyDictionary<CountyGroupKey, CountyGroup> NoGroups = new Dictionary<CountyGroupKey, CountyGroup>();

    /// <summary>The years and subgroups of the metric that have county values.</summary>
    public IReadOnlyCollection<CountyGroupKey> Groups(int metricId) =>
        _metrics.TryGetValue(metricId, out var groups) ? [.. groups.Keys] : [];

    /// <summary>
    /// The share of the group's counties with a lower value, exactly as PostgreSQL's <c>percent_rank()</c>: (values
    /// strictly below) / (n − 1), 0 for a group of one. Null without a value or for an unknown group.
    /// </summary>
    public double? Percentile(int metricId, short year, string subgroupType, string subgroup, double? value)
    {
        if (value is not { } v || Find(metricId, year, subgroupType, subgroup) is not { } group)
        {
            return null;
        }
        var sorted = group.Sorted;
        if (sorted.Length == 1)
        {
            return 0;
        }
        // A value outside the group (not a county's) still reads as a share.
        return Math.Min(1, (double)CountBelow(sorted, v) / (sorted.Length - 1));
    }

    /// <summary>The group's county values, ascending (read-only; empty for an unknown group).</summary>
    public ReadOnlyMemory<double> SortedValues(int metricId, short year, string subgroupType, string subgroup) =>
        Find(metricId, year, subgroupType, subgroup)?.Sorted ?? ReadOnlyMemory<double>.Empty;

    /// <summary>
    /// What ranks are counted in: the group's values less the Weak ones, ascending, the same pool as the rankings page's
    /// (a Strong county ranked among Weak values read "2,943rd of 3,075" on its page and 1,013th of 1,034 in the rankings).
    /// </summary>
    public ReadOnlyMemory<double> RankedValues(int metricId, short year, string subgroupType, string subgroup) =>
        Find(metricId, year, subgroupType, subgroup)?.Ranked ?? ReadOnlyMemory<double>.Empty;

    /// <summary>
    /// Count, extremes and quartiles of the group, nationally (<see cref="MetricStatistic.NationalScope"/>) or within a
    /// state (2-digit FIPS; whole-population groups only). Null for an unknown group or a state without values.
    /// </summary>
    public MetricStatistic? Statistic(int metricId, short year, string subgroupType, string subgroup, string scope)
    {
        var group = Find(metricId, year, subgroupType, subgroup);
        return group is null ? null
            : scope == MetricStatistic.NationalScope ? group.National
            : group.States?.GetValueOrDefault(scope);
    }

    /// <summary>
    /// Urban's benchmark: the population-weighted median of counties, nationally or within a state (whole population
    /// only), with why it is blank when it is (see <see cref="CountyBenchmark"/>). Null for a group without values.
    /// The plain median of counties, the "typical county", stays in <see cref="Statistic"/>.
    /// </summary>
    public CountyBenchmark? Benchmark(int metricId, short year, string subgroupType, string subgroup, string scope)
    {
        var group = Find(metricId, year, subgroupType, subgroup);
        var benchmark = group is null ? null
            : scope == MetricStatistic.NationalScope ? group.NationalBenchmark
            : group.StateBenchmarks?.GetValueOrDefault(scope);
        return benchmark is null || benchmark.Kind == Kind ? benchmark : benchmark with { Kind = Kind };
    }

    /// <summary>
    /// The imports that wrote the metric's county values (all years and subgroups, or one year's): what a data stamp
    /// names. Empty for a metric not loaded or without values.
    /// </summary>
    public IReadOnlySet<int> ImportsOf(int metricId, short? year = null)
    {
        if (!_metrics.TryGetValue(metricId, out var groups))
        {
            return new HashSet<int>();
        }
        var imports = new HashSet<int>();
        foreach (var (key, group) in groups)
        {
            if (year is null || key.Year == year)
            {
                imports.UnionWith(group.Imports);
            }
        }
        return imports;
    }

    private CountyGroup? Find(int metricId, short year, string subgroupType, string subgroup) =>
        _metrics.TryGetValue(metricId, out var groups) ? groups.GetValueOrDefault(new CountyGroupKey(year, subgroupType, subgroup)) : null;

    /// <summary>How many values are strictly below <paramref name="value"/>: the first index not below it.</summary>
    private static int CountBelow(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
