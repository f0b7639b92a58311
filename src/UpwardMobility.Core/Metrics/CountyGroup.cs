using System.Runtime.InteropServices;

namespace UpwardMobility.Core.Metrics;

/// <summary>
/// One national group's sorted county values, statistics and benchmarks. Per-state statistics and benchmarks only for
/// the whole population, as pages compare with the state only there; the per-state values themselves are not kept.
/// </summary>
internal sealed class CountyGroup
{
    internal CountyGroup(
        double[] sorted, double[] ranked, MetricStatistic national, IReadOnlyDictionary<string, MetricStatistic>? states,
        CountyBenchmark nationalBenchmark, IReadOnlyDictionary<string, CountyBenchmark>? stateBenchmarks, IReadOnlySet<int> imports)
    {
        Imports = imports;
        Sorted = sorted;
        Ranked = ranked;
        National = national;
        States = states;
        NationalBenchmark = nationalBenchmark;
        StateBenchmarks = stateBenchmarks;
    }

    internal double[] Sorted { get; }

    /// <summary>The values a place is ranked among, ascending: <see cref="Sorted"/> less the Weak values (docs/methods.md).</summary>
    internal double[] Ranked { get; }

    /// <summary>The imports that wrote the group's values (usually one or two).</summary>
    internal IReadOnlySet<int> Imports { get; }

    internal MetricStatistic National { get; }

    internal IReadOnlyDictionary<string, MetricStatistic>? States { get; }

    internal CountyBenchmark NationalBenchmark { get; }

    internal IReadOnlyDictionary<string, CountyBenchmark>? StateBenchmarks { get; }

    /// <summary>The q-quantile of sorted values by linear interpolation between neighbours, like <c>percentile_cont</c>.</summary>
    internal static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        var position = q * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }

    internal static MetricStatistic Summarize(int metricId, CountyGroupKey key, string scope, double[] sorted) => new(
        metricId, key.Year, key.SubgroupType, key.Subgroup, scope,
        sorted.Length, sorted[0], Quantile(sorted, 0.25), Quantile(sorted, 0.5), Quantile(sorted, 0.75), sorted[^1]);
}

/// <summary>Collects county values in any order (the load has no ORDER BY: sorting here is cheaper) and sorts each group once.</summary>
internal sealed class CountyGroupsBuilder
{
    private readonly Dictionary<(int MetricId, CountyGroupKey Key), Collector> _groups = [];

    public void Add(CountyValueRow row)
    {
        ref var collector = ref CollectionsMarshal.GetValueRefOrAddDefault(
            _groups, (row.MetricId, new CountyGroupKey(row.Year, row.SubgroupType, row.Subgroup)), out _);
        collector ??= new Collector(row.SubgroupType == Subgroups.AllType, BenchmarkRule.IsWeighted(row.SubgroupType));
        collector.Values.Add(row.Value);
        if (Judgement.Quality.MayJudge(row.Quality))
        {
            collector.Ranked.Add(row.Value);
        }
        if (collector.States is { } states)
        {
            ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(states, row.StateFips, out _);
            (list ??= []).Add(row.Value);
        }
        collector.Counties?.TryAdd(row.GeographyId, (row.Value, row.Quality));
        collector.Imports.Add(row.ImportId);
    }

    public Dictionary<int, Dictionary<CountyGroupKey, CountyGroup>> Build(CountyPopulations populations)
    {
        var metrics = new Dictionary<int, Dictionary<CountyGroupKey, CountyGroup>>();
        foreach (var ((metricId, key), collector) in _groups)
        {
            var sorted = Sorted(collector.Values);
            Dictionary<string, MetricStatistic>? states = null;
            if (collector.States is { } byState)
            {
                states = new(StringComparer.Ordinal);
                foreach (var (state, values) in byState)
                {
                    states[state] = CountyGroup.Summarize(metricId, key, state, Sorted(values));
                }
            }
            var (national, stateBenchmarks) = Benchmarks(key, collector, populations, states);
            if (!metrics.TryGetValue(metricId, out var groups))
            {
                metrics[metricId] = groups = [];
            }
            groups[key] = new CountyGroup(
                sorted, collector.Ranked.Count == collector.Values.Count ? sorted : Sorted(collector.Ranked), CountyGroup.Summarize(metricId, key, MetricStatistic.NationalScope, sorted), states, national, stateBenchmarks, collector.Imports);
        }
        return metrics;
    }

    /// <summary>
    /// The national benchmark and, for the whole population, each state's: every county with a population figure weighs
    /// in, with its value or as missing. States are those with a value in the group.
    /// </summary>
    private static (CountyBenchmark National, Dictionary<string, CountyBenchmark>? States) Benchmarks(
        CountyGroupKey key, Collector collector, CountyPopulations populations, Dictionary<string, MetricStatistic>? states)
    {
        if (collector.Counties is not { } counties)
        {
            return (new CountyBenchmark(MetricStatistic.NationalScope, null, BenchmarkSuppression.GroupNotWeighted, 0, null, 0), null);
        }
        var populationYear = populations.YearFor(key.Year);
        if (populationYear is not { } year)
        {
            var none = BenchmarkRule.Compute(MetricStatistic.NationalScope, [], null);
            return (none, states?.Keys.ToDictionary(s => s, s => none with { Scope = s }, StringComparer.Ordinal));
        }
        var nation = new List<WeightedCounty>(counties.Count);
        var byState = states is null ? null : new Dictionary<string, List<WeightedCounty>>(StringComparer.Ordinal);
        foreach (var (id, (population, state)) in populations.In(year))
        {
            var county = counties.TryGetValue(id, out var v)
                ? new WeightedCounty(v.Value, v.Quality, population)
                : new WeightedCounty(null, DataQuality.Unknown, population);
            nation.Add(county);
            if (byState is not null && states!.ContainsKey(state))
            {
                ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(byState, state, out _);
                (list ??= []).Add(county);
            }
        }
        var national = BenchmarkRule.Compute(MetricStatistic.NationalScope, nation, year);
        var stateBenchmarks = states?.Keys.ToDictionary(
            s => s, s => BenchmarkRule.Compute(s, byState!.GetValueOrDefault(s) ?? [], year), StringComparer.Ordinal);
        return (national, stateBenchmarks);
    }

    private static double[] Sorted(List<double> values)
    {
        var array = values.ToArray();
        Array.Sort(array);
        return array;
    }

    private sealed class Collector(bool byState, bool weighted)
    {
        public List<double> Values { get; } = [];

        public List<double> Ranked { get; } = [];

        public HashSet<int> Imports { get; } = [];

        public Dictionary<string, List<double>>? States { get; } = byState ? new(StringComparer.Ordinal) : null;

        /// <summary>Each county's value and quality, for the population-weighted benchmark; null for groups not weighted.</summary>
        public Dictionary<int, (double Value, DataQuality Quality)>? Counties { get; } = weighted ? [] : null;
    }
}
