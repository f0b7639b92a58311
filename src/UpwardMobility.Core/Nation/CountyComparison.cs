using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Judgement;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Nation;

/// <summary>How a county's value differs from the reference county's (the first one compared).</summary>
public enum DifferenceKind
{
    /// <summary>This is the reference county, or one of the two values is missing.</summary>
    None,

    /// <summary>The two 95% intervals do not overlap: the difference is larger than the uncertainty.</summary>
    Meaningful,

    /// <summary>The 95% intervals overlap: the values may not really differ.</summary>
    WithinUncertainty,

    /// <summary>At least one value has no published interval, so the difference cannot be judged.</summary>
    UncertaintyUnknown,
}

/// <summary>One county's value in one row of the comparison; <see cref="Words"/> judges its difference from the reference.</summary>
public sealed record ComparisonCell(
    string Fips,
    MetricReading? Reading,
    bool IsBest,
    bool IsWorst,
    double? Difference,
    DifferenceKind DifferenceKind)
{
    public Verdict? Words { get; init; }

    /// <summary>The difference from the reference in a few words (<see cref="ComparisonMarks"/>).</summary>
    public CompareMark Mark { get; init; }

    /// <summary>Whether this value is better or worse than the reference's: only when the difference is real.</summary>
    public Side Side { get; init; }
}

public sealed record ComparisonRow(MetricOutline Metric, short? Year, IReadOnlyList<ComparisonCell> Cells)
{
    public bool HasData => Cells.Any(c => c.Reading is not null);
}

public sealed record ComparisonPredictor(string Key, string Name, IReadOnlyList<ComparisonRow> Rows);

public sealed record ComparisonPillar(string Key, string Name, IReadOnlyList<ComparisonPredictor> Predictors);

public sealed record ComparedCounty(string Fips, string Name, string StateAbbr, string StateName, long? Population)
{
    public string FullName => StateAbbr.Length > 0 ? $"{Name}, {StateAbbr}" : Name;
}

/// <summary>2 to 6 counties side by side across every predictor, each row in one year for all of them.</summary>
public sealed record CountyComparison(
    IReadOnlyList<ComparedCounty> Counties,
    short? Year,
    IReadOnlyList<ComparisonPillar> Pillars,
    bool HasDemoValues)
{
    public const int MinCounties = 2;
    public const int MaxCounties = 6;

    /// <summary>Counties or cities: a comparison holds one kind (cities are compared with cities).</summary>
    public Geographies.PlaceKind Kind { get; init; } = Geographies.PlaceKind.County;

    /// <summary>Codes of the other kind, left out because a comparison holds one kind of place.</summary>
    public IReadOnlyList<string> OtherKindLeftOut { get; init; } = [];

    /// <summary>
    /// The row for one metric: every county's value in the same year, best and worst marked (direction-aware, only
    /// up/down metrics and only with two or more values), and each difference from the first county judged by its
    /// 95% interval. Pure, for the tests.
    /// </summary>
    public static ComparisonRow BuildRow(MetricOutline metric, short? year, IReadOnlyList<string> fips, IReadOnlyDictionary<string, MetricReading> readings)
    {
        // Best and worst only where values of different counties may be called better (not counts, context, parity),
        // among values that may be judged (not Weak, not a special value such as "no primary care physician").
        var judgeable = fips
            .Select(f => readings.TryGetValue(f, out var r) && r.Value is { } v && double.IsFinite(v)
                && Quality.MayJudge(r.Quality) && MetricRules.Special(metric, v) is null ? v : (double?)null)
            .ToList();
        var present = judgeable.Where(v => v is not null).Select(v => v!.Value).ToList();
        double? best = null, worst = null;
        if (MetricRules.ComparesAcrossCounties(metric) && present.Count >= 2 && present.Min() < present.Max())
        {
            best = metric.Direction == MetricDirection.Up ? present.Max() : present.Min();
            worst = metric.Direction == MetricDirection.Up ? present.Min() : present.Max();
            // Named only when clear of every other value by the interval rule: a "best" within the uncertainty of
            // another county's value (or beside one whose uncertainty is unknown) is not known to be the best.
            best = ClearOfEveryOther(best.Value) ? best : null;
            worst = ClearOfEveryOther(worst.Value) ? worst : null;
        }
        bool ClearOfEveryOther(double value)
        {
            var index = judgeable.IndexOf(value);
            var estimate = readings[fips[index]].Estimate!;
            return fips.Where((_, i) => i != index).All(f =>
                !readings.TryGetValue(f, out var other) || other.Estimate is not { } e || !double.IsFinite(e.Value)
                || Intervals.Compare(estimate, e) == IntervalVerdict.Apart);
        }
        var reference = readings.GetValueOrDefault(fips[0]);
        var cells = new List<ComparisonCell>(fips.Count);
        for (var i = 0; i < fips.Count; i++)
        {
            var reading = readings.GetValueOrDefault(fips[i]);
            var difference = i == 0 ? null : Compare(metric, reference, reading);
            cells.Add(new ComparisonCell(
                fips[i], reading, judgeable[i] is { } v1 && v1 == best, judgeable[i] is { } v2 && v2 == worst,
                difference?.Amount, difference is null ? DifferenceKind.None : KindOf(difference.Verdict))
            {
                Words = difference?.Words,
                Mark = ComparisonMarks.Of(difference),
                Side = difference?.Side ?? Side.Neither,
            });
        }
        return new ComparisonRow(metric, year, cells);
    }

    /// <summary>The difference <paramref name="other"/> − <paramref name="reference"/>, judged by the rules of every page.</summary>
    public static Difference? Compare(MetricOutline metric, MetricReading? reference, MetricReading? other) =>
        reference?.Estimate is { } a && other?.Estimate is { } b ? Judge.Versus(metric, b, a) : null;

    private static DifferenceKind KindOf(IntervalVerdict verdict) => verdict switch
    {
        IntervalVerdict.Apart => DifferenceKind.Meaningful,
        IntervalVerdict.Overlap => DifferenceKind.WithinUncertainty,
        _ => DifferenceKind.UncertaintyUnknown,
    };
}
