using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Judgement;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Plans;

/// <summary>A value of a target's series in one year: a metric's value, or a gap between two subgroups.</summary>
public sealed record PlanReading(short Year, double Value, double? LowerBound, double? UpperBound, DataQuality Quality)
{
    public bool HasInterval => Estimate.HasInterval;

    public Estimate Estimate => new(Value, LowerBound, UpperBound, Quality);
}

/// <summary>What a target asks for: the metric's direction, the kind, the baseline, the target value and year.</summary>
public sealed record TargetSpec(MetricDirection Direction, PlanTargetKind Kind, PlanReading Baseline, double TargetValue, short TargetYear);

public enum ProgressStatus
{
    /// <summary>The series has no value any more (e.g. the import that brought it was rolled back).</summary>
    NoData = 0,

    /// <summary>The latest value is not newer than the baseline (same year, or older after a rollback).</summary>
    NoNewerData = 1,
    Met = 2,
    OnTrack = 3,
    OffTrack = 4,
}

/// <summary>
/// Progress of a target from its baseline, read against the latest value. <see cref="DistanceCovered"/> is the share
/// of the way from baseline to target (0 = at the baseline, 1 = at the target; negative when it moved away, above 1
/// past the target); <see cref="ExpectedShare"/> the share a straight path from baseline (baseline year) to target
/// (target year) would have covered by the latest year.
/// </summary>
public sealed record TargetProgressResult(
    ProgressStatus Status,
    PlanReading? Latest,
    double? DistanceCovered,
    double? ExpectedShare,
    double? PathValue,
    bool? WithinUncertainty,
    bool WeakData,
    bool HoldTarget)
{
    /// <summary>"Target met", "On track", "Off track", "No newer data", "No data".</summary>
    public string Label => Status switch
    {
        ProgressStatus.Met => "Target met",
        ProgressStatus.OnTrack => "On track",
        ProgressStatus.OffTrack => "Off track",
        ProgressStatus.NoNewerData => "No newer data",
        _ => "No data",
    };

    /// <summary>The qualifications that must travel with the label: weak data, change within uncertainty.</summary>
    public IReadOnlyList<string> Caveats
    {
        get
        {
            var caveats = new List<string>();
            if (Status is ProgressStatus.Met or ProgressStatus.OnTrack or ProgressStatus.OffTrack)
            {
                if (WeakData)
                {
                    caveats.Add("weak data: " + Judgement.Quality.TooUncertain);
                }
                if (WithinUncertainty == true)
                {
                    caveats.Add("change within uncertainty");
                }
                else if (WithinUncertainty is null)
                {
                    caveats.Add("no interval published: cannot tell whether the change is real");
                }
            }
            return caveats;
        }
    }

    /// <summary>The label with its caveats, e.g. "On track (change within uncertainty)".</summary>
    public string Summary => Caveats.Count == 0 ? Label : $"{Label} ({string.Join("; ", Caveats)})";

    /// <summary>Progress that may be reported as progress: measured, not on Weak data, larger than the uncertainty.</summary>
    public bool IsClear => Status is ProgressStatus.Met or ProgressStatus.OnTrack or ProgressStatus.OffTrack
        && !WeakData && WithinUncertainty == false;

    /// <summary>What the baseline's and the latest value's intervals allow to say (the rule of every page).</summary>
    public IntervalVerdict ChangeVerdict => WithinUncertainty switch
    {
        true => IntervalVerdict.Overlap,
        false => IntervalVerdict.Apart,
        null => IntervalVerdict.NoInterval,
    };
}

/// <summary>
/// The progress arithmetic of action-plan targets, pure and direction-aware. Each kind of target has a "shortfall"
/// function s(x): how far a value x is from meeting the target (≤ 0: met):
/// <list type="bullet">
/// <item>Up metrics: s(x) = target − x. Down metrics: s(x) = x − target.</item>
/// <item>Parity metrics (1.0 = equal): s(x) = |x − 1| − max(|target − 1|, 0.05): toward parity from whichever side,
/// met once at least as close to parity as the target (or within the dashboard's 5% "at parity").</item>
/// <item>Gaps between two subgroups: s(x) = |x| − |target|: toward zero, met once the gap is no wider than the target.</item>
/// <item>Context metrics (no better direction): toward the target from the baseline's side.</item>
/// </list>
/// A target whose baseline already meets it (s(baseline) ≤ 0) is a "hold the line" target: met while it stays met.
/// The distance covered is (s(baseline) − s(latest)) / s(baseline); a straight path from baseline to target expects
/// the shortfall to shrink linearly with time, and the target is on track when s(latest) ≤ (1 − f)·s(baseline),
/// f = the share of the baseline-to-target years elapsed by the latest year (0..1).
/// </summary>
public static class TargetProgress
{
    private const double Epsilon = 1e-12;

    public static TargetProgressResult Evaluate(TargetSpec spec, PlanReading? latest)
    {
        var baseline = spec.Baseline;
        if (latest is null)
        {
            return new(ProgressStatus.NoData, null, null, null, null, null, baseline.Quality == DataQuality.Weak, IsHold(spec));
        }
        var weak = baseline.Quality == DataQuality.Weak || latest.Quality == DataQuality.Weak;
        var overlap = IntervalsOverlap(baseline, latest);
        var hold = IsHold(spec);
        if (latest.Year <= baseline.Year)
        {
            return new(ProgressStatus.NoNewerData, latest, null, null, null, overlap, weak, hold);
        }

        var f = ElapsedShare(baseline.Year, spec.TargetYear, latest.Year);
        var pathValue = baseline.Value + (f * (spec.TargetValue - baseline.Value));
        var startShortfall = Shortfall(spec, baseline.Value);
        var latestShortfall = Shortfall(spec, latest.Value);
        var met = latestShortfall <= Tolerance(spec);
        if (hold)
        {
            return new(met ? ProgressStatus.Met : ProgressStatus.OffTrack, latest, null, f, spec.TargetValue, overlap, weak, true);
        }
        var covered = (startShortfall - latestShortfall) / startShortfall;
        var status = met
            ? ProgressStatus.Met
            : latestShortfall <= ((1 - f) * startShortfall) + Tolerance(spec) ? ProgressStatus.OnTrack : ProgressStatus.OffTrack;
        return new(status, latest, covered, f, pathValue, overlap, weak, false);
    }

    /// <summary>
    /// False when the target does not improve on the baseline for the metric's direction (a higher target for a
    /// "lower is better" metric, a wider gap, further from parity): the form asks the planner to confirm it.
    /// </summary>
    public static bool ImprovesOnBaseline(MetricDirection direction, PlanTargetKind kind, double baseline, double target) =>
        !IsHold(new TargetSpec(direction, kind, new PlanReading(0, baseline, null, null, DataQuality.Unknown), target, 1));

    /// <summary>The straight path from baseline to target, in the target's units, at <paramref name="year"/>.</summary>
    public static double PathValueAt(PlanReading baseline, double targetValue, short targetYear, short year) =>
        baseline.Value + (ElapsedShare(baseline.Year, targetYear, year) * (targetValue - baseline.Value));

    /// <summary>Share of the years from baseline to target elapsed at <paramref name="year"/>, clamped to 0..1.</summary>
    public static double ElapsedShare(short baselineYear, short targetYear, short year) =>
        targetYear <= baselineYear ? 1 : Math.Clamp((double)(year - baselineYear) / (targetYear - baselineYear), 0, 1);

    /// <summary>
    /// True when both readings have a 95% interval and the intervals overlap: the change between them is within the
    /// uncertainty of the data. Null when either has no interval.
    /// </summary>
    public static bool? IntervalsOverlap(PlanReading a, PlanReading b) => Intervals.Compare(a.Estimate, b.Estimate) switch
    {
        IntervalVerdict.Overlap => true,
        IntervalVerdict.Apart => false,
        _ => null,
    };

    /// <summary>
    /// The gap value(a) − value(b) in one year, with an approximate 95% interval: each side's half-width combined as
    /// the square root of the sum of squares (independent, roughly normal errors), the lower side from a's lower and
    /// b's upper half-widths and vice versa. Quality is the weaker of the two. No interval when either has none.
    /// </summary>
    public static PlanReading GapOf(PlanReading a, PlanReading b)
    {
        var gap = Intervals.GapOf(a.Estimate, b.Estimate);
        return new PlanReading(a.Year, gap.Value, gap.Lower, gap.Upper, gap.Quality);
    }

    /// <summary>The weaker of two quality flags: Weak, then unrated, then Marginal, then Strong.</summary>
    public static DataQuality Weaker(DataQuality a, DataQuality b) => Judgement.Quality.Weaker(a, b);

    private static bool IsHold(TargetSpec spec) => Shortfall(spec, spec.Baseline.Value) <= Tolerance(spec);

    /// <summary>How far <paramref name="x"/> is from meeting the target (≤ 0: met), in the metric's units.</summary>
    private static double Shortfall(TargetSpec spec, double x)
    {
        var target = spec.TargetValue;
        if (spec.Kind == PlanTargetKind.Gap)
        {
            return Math.Abs(x) - Math.Abs(target);
        }
        return spec.Direction switch
        {
            MetricDirection.Up => target - x,
            MetricDirection.Down => x - target,
            MetricDirection.Parity => Math.Abs(x - 1) - Math.Max(Math.Abs(target - 1), Standing.ParityTolerance),
            // Context: toward the target from the baseline's side.
            _ => (target - x) * Math.Sign(target - spec.Baseline.Value),
        };
    }

    // Rounding noise only: values equal to the target within 1e-12 of its scale count as met.
    private static double Tolerance(TargetSpec spec) => Epsilon * Math.Max(1, Math.Max(Math.Abs(spec.TargetValue), Math.Abs(spec.Baseline.Value)));
}
