using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Judgement;

/// <summary>Which way a difference points for the reader.</summary>
public enum Side
{
    /// <summary>No better side (context, parity, counts between counties), or no difference.</summary>
    Neither = 0,
    Better = 1,
    Worse = 2,
}

/// <summary>What a metric's catalog entry allows to be said about its values.</summary>
public static class MetricRules
{
    /// <summary>Higher or lower is better (up/down metrics): context and parity metrics have no better side.</summary>
    public static bool HasBetterSide(MetricOutline metric) => metric.Direction is MetricDirection.Up or MetricDirection.Down;

    /// <summary>
    /// Values of different counties may be called better or worse and ranked as better: up/down metrics that are not
    /// counts (a count of people depends on the county's size; docs/methods.md, "Counts").
    /// </summary>
    public static bool ComparesAcrossCounties(MetricOutline metric) => HasBetterSide(metric) && metric.Unit != MetricUnit.Count;

    /// <summary>
    /// Two groups' values of <paramref name="subgroupType"/> may be set against each other as a gap: rates within each
    /// group, not counts (which follow each group's size) nor compositions (shares of one whole; docs/methods.md). The one
    /// rule for the summary's gaps and for the plan's gap targets.
    /// </summary>
    public static bool GroupsHaveGaps(MetricOutline metric, string subgroupType) =>
        metric.Unit != MetricUnit.Count && metric.CompositionOf(subgroupType) is null;

    /// <summary>The catalog's special value this value is (e.g. 0 = no primary care physician), if any.</summary>
    public static SpecialValue? Special(MetricOutline metric, double? value) => SpecialValue.Find(metric.Specials, value);

    /// <summary>Whether a change or difference of <paramref name="delta"/> is better or worse for the metric's direction.</summary>
    public static Side SideOf(MetricDirection direction, double delta) => (direction, delta) switch
    {
        (_, 0) => Side.Neither,
        (MetricDirection.Up, > 0) or (MetricDirection.Down, < 0) => Side.Better,
        (MetricDirection.Up, < 0) or (MetricDirection.Down, > 0) => Side.Worse,
        _ => Side.Neither,
    };

    /// <summary>The value in words: the special value's meaning ("no primary care physician") or the number in its unit.</summary>
    public static string Format(MetricOutline metric, double? value, string? valueText = null) =>
        Special(metric, value) is { } special ? special.Meaning : MetricFormatter.Format(value, metric.Unit, valueText);
}
