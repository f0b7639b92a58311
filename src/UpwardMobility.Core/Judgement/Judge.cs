using System.Globalization;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Judgement;

/// <summary>A difference between two values (a − b or later − earlier) and what the data allow to say about it.</summary>
public sealed record Difference(double Amount, IntervalVerdict Verdict, Side Side, Verdict Words)
{
    /// <summary>Larger than the uncertainty: the only case in which better or worse may be claimed.</summary>
    public bool IsReal => Verdict == IntervalVerdict.Apart;
}

/// <summary>
/// The comparative words of every page, chart caption, CSV and plan: change over time, county against county, gaps
/// between groups, county against a benchmark. Pure. The rules are written out for readers on <c>/methods</c>.
/// </summary>
public static class Judge
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>The mark a dense table puts after a change that has no published interval; its legend says what it means.</summary>
    public const string NoIntervalMark = "no interval";

    /// <summary>The mark after a change in a count, which is never judged.</summary>
    public const string CountMark = "a count";

    /// <summary>The mark after a change whose 95% intervals overlap.</summary>
    public const string WithinUncertaintyMark = "within the uncertainty";

    /// <summary>
    /// The change from <paramref name="previous"/> to <paramref name="current"/>: "up 2.3 percentage points since 2021:
    /// better (the 95% intervals do not overlap)", "… within the uncertainty (the 95% intervals overlap)", "… no interval
    /// published, so cannot tell whether this change is real". Better/worse only when the intervals do not overlap.
    /// </summary>
    public static Difference Change(MetricOutline metric, Estimate current, Estimate previous, short previousYear)
    {
        var delta = current.Value - previous.Value;
        var since = previousYear.ToString(Culture);
        var then = MetricRules.Special(metric, previous.Value);
        var now = MetricRules.Special(metric, current.Value);
        if (then is not null || now is not null)
        {
            var text = then is not null ? $"not comparable with {since}, when the county had {then.Meaning}" : $"not comparable with {since}: the county now has {now!.Meaning}";
            return new Difference(delta, IntervalVerdict.NoInterval, Side.Neither, new Verdict(text, Methods.SpecialValues));
        }
        var amount = MetricFormatter.FormatChange(Math.Abs(delta), metric.Unit);
        if (amount == MetricFormatter.FormatChange(0, metric.Unit))
        {
            return new Difference(delta, Intervals.Compare(current, previous), Side.Neither, new Verdict($"no change since {since}", Methods.Change));
        }
        var moved = $"{(delta > 0 ? "up" : "down")} {amount} since {since}";
        if (metric.Unit == MetricUnit.Count)
        {
            // Urban's count bounds are suppression ranges (0 and 2 per suppressed district), not 95% intervals.
            return new Difference(delta, IntervalVerdict.NoInterval, Side.Neither,
                new Verdict($"{moved}: a count, not judged better or worse (its bounds are not 95% intervals)", Methods.Counts) { Brief = moved, Caveat = CountMark });
        }
        var verdict = Intervals.Compare(current, previous);
        if (current.IsWeak || previous.IsWeak)
        {
            return new Difference(delta, verdict, Side.Neither, new Verdict($"{moved}: Weak data, {Quality.TooUncertain}", Methods.Quality));
        }
        var side = MetricRules.HasBetterSide(metric) ? MetricRules.SideOf(metric.Direction, delta) : Side.Neither;
        var words = verdict switch
        {
            IntervalVerdict.Apart when side == Side.Better => $"{moved}: better (the 95% intervals do not overlap)",
            IntervalVerdict.Apart when side == Side.Worse => $"{moved}: worse (the 95% intervals do not overlap)",
            IntervalVerdict.Apart => $"{moved}: a change larger than the uncertainty (the 95% intervals do not overlap)",
            IntervalVerdict.Overlap => $"{moved}: within the uncertainty (the 95% intervals overlap)",
            _ => $"{moved}: no interval published, so cannot tell whether this change is real",
        };
        var brief = verdict switch
        {
            IntervalVerdict.NoInterval => new Verdict(words, Methods.Change) { Brief = moved, Caveat = NoIntervalMark },
            IntervalVerdict.Overlap => new Verdict(words, Methods.Change) { Brief = moved, Caveat = WithinUncertaintyMark },
            _ => new Verdict(words, Methods.Change),
        };
        return new Difference(delta, verdict, verdict == IntervalVerdict.Apart ? side : Side.Neither, brief);
    }

    /// <summary>
    /// Another county's value against the reference county's: "+3.0 percentage points vs. the reference: larger than
    /// the uncertainty: the 95% intervals do not overlap". Counts are compared as numbers, never as better or worse.
    /// </summary>
    public static Difference Versus(MetricOutline metric, Estimate other, Estimate reference, string referenceName = "the reference")
    {
        var delta = other.Value - reference.Value;
        if (MetricRules.Special(metric, other.Value) is not null || MetricRules.Special(metric, reference.Value) is not null)
        {
            return new Difference(delta, IntervalVerdict.NoInterval, Side.Neither,
                new Verdict("not comparable: " + (MetricRules.Special(metric, other.Value) ?? MetricRules.Special(metric, reference.Value))!.Meaning, Methods.SpecialValues));
        }
        var signed = MetricFormatter.FormatSignedChange(delta, metric.Unit);
        if (signed == "no change")
        {
            return new Difference(delta, Intervals.Compare(other, reference), Side.Neither, new Verdict($"same as {referenceName}", Methods.Compare));
        }
        if (metric.Unit == MetricUnit.Count)
        {
            return new Difference(delta, IntervalVerdict.NoInterval, Side.Neither,
                new Verdict($"{signed} vs. {referenceName}: a count, which depends on the county's size, so not judged", Methods.Counts));
        }
        var verdict = Intervals.Compare(other, reference);
        var weak = other.IsWeak || reference.IsWeak;
        var side = verdict == IntervalVerdict.Apart && !weak && MetricRules.HasBetterSide(metric) ? MetricRules.SideOf(metric.Direction, delta) : Side.Neither;
        var text = weak
            ? $"{signed} vs. {referenceName}: Weak data, {Quality.TooUncertain}"
            : $"{signed} vs. {referenceName}: {Intervals.Words(verdict)}";
        return new Difference(delta, verdict, side, new Verdict(text, weak ? Methods.Quality : Methods.Intervals));
    }

    /// <summary>
    /// The gap between two groups, higher minus lower: "a gap of 30.3 percentage points: no confidence interval
    /// published: cannot tell whether this difference is real".
    /// </summary>
    public static Difference Gap(MetricOutline metric, Estimate high, Estimate low) => Gap(metric.Unit, high, low);

    /// <inheritdoc cref="Gap(MetricOutline, Estimate, Estimate)"/>
    public static Difference Gap(MetricUnit unit, Estimate high, Estimate low)
    {
        var verdict = Intervals.Compare(high, low);
        var text = $"a gap of {MetricFormatter.FormatChange(Math.Abs(high.Value - low.Value), unit)}: {Intervals.Words(verdict)}";
        return new Difference(high.Value - low.Value, verdict, Side.Neither, new Verdict(text, Methods.Gaps));
    }

    /// <summary>
    /// The county against a benchmark value (a median; computed elsewhere and passed in): "above the US median of
    /// counties: better (its 95% interval lies wholly above it)", "… within the uncertainty (its 95% interval holds
    /// the median)", "… no confidence interval published: cannot tell whether this difference is real".
    /// </summary>
    /// <param name="benchmarkName">What the benchmark is, e.g. "the US median of counties" or "California's median".</param>
    public static Verdict? AgainstBenchmark(MetricOutline metric, Estimate county, double? benchmark, string benchmarkName)
    {
        if (benchmark is not { } b || !double.IsFinite(b))
        {
            return null;
        }
        if (MetricRules.Special(metric, county.Value) is { } special)
        {
            return new Verdict($"not compared with {benchmarkName}: {special.Meaning}", Methods.SpecialValues);
        }
        if (MetricFormatter.FormatSignedChange(county.Value - b, metric.Unit) == "no change")
        {
            return new Verdict($"the same as {benchmarkName}", Methods.Benchmarks);
        }
        var position = county.Value > b ? "above" : "below";
        if (metric.Unit == MetricUnit.Count)
        {
            return new Verdict($"{position} {benchmarkName} (a count: depends on the county's size, so not judged)", Methods.Counts);
        }
        if (county.IsWeak)
        {
            return new Verdict($"{position} {benchmarkName}: Weak data, {Quality.TooUncertain}", Methods.Quality);
        }
        var verdict = Intervals.Against(county, b);
        var side = MetricRules.HasBetterSide(metric) ? MetricRules.SideOf(metric.Direction, county.Value - b) : Side.Neither;
        var text = verdict switch
        {
            IntervalVerdict.Apart when side == Side.Better => $"{position} {benchmarkName}: better (its 95% interval lies wholly {position} it)",
            IntervalVerdict.Apart when side == Side.Worse => $"{position} {benchmarkName}: worse (its 95% interval lies wholly {position} it)",
            IntervalVerdict.Apart => $"{position} {benchmarkName} (its 95% interval lies wholly {position} it)",
            IntervalVerdict.Overlap => $"{position} {benchmarkName}: within the uncertainty (its 95% interval holds it)",
            _ => $"{position} {benchmarkName}: {Intervals.NoIntervalWords}",
        };
        return new Verdict(text, Methods.Benchmarks);
    }
}
