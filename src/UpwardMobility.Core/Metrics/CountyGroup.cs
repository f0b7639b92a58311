using System.Runtime.InteropServices;

namespace UpwardMobility.Core.Metrics;

/// <summary>
/// One national group's sorted county values and statistics. Per-state statistics only for the whole population,
/// as pages compare with the state median only there; the per-state values themselves are not kept.
/// </summary>
internal sealed class CountyGroup
{
    internal CountyGroup(double[] sorted, MetricStatistic national, IReadOnlyDictionary<string, MetricStatistic>? states)
    {
        Sorted = sorted;
        National = national;
        States = states;
    }

    internal double[] Sorted { get; }

    internal MetricStatistic National { get; }

    internal IReadOnlyDictionary<string, MetricStatistic>? States { get; }

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
        collector ??= new Collector(row.SubgroupType == Subgroups.AllType);
        collector.Values.Add(row.Value);
        if (collector.States is { } states)
        {
            ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(states, row.StateFips, out _);
            (list ??= []).Add(row.Value);
        }
    }

    public Dictionary<int, Dictionary<CountyGroupKey, CountyGroup>> Build()
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
            if (!metrics.TryGetValue(metricId, out var groups))
            {
                metrics[metricId] = groups = [];
            }
            groups[key] =
                new CountyGroup(sorted, CountyGroup.Summarize(metricId, key, MetricStatistic.NationalScope, sorted), states);
        }
        return metrics;
    }

    private static double[] Sorted(List<double> values)
    {
        var array = values.ToArray();
        Array.Sort(array);
        return array;
    }

    private sealed class Collector(bool byState)
    {
        public List<double> Values { get; } = [];

        public Dictionary<string, List<double>>? States { get; } = byState ? new(StringComparer.Ordinal) : null;
    }
}
