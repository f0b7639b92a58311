using System.Globalization;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Plans;

/// <summary>Words and units of the plan pages: target subjects, values and gaps, and the progress sentence.</summary>
public static class PlanWords
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <param name="place">Whose plan: "Whole county" or "Whole city".</param>
    public static string Subject(PlanTargetKind kind, string subgroupType, string subgroup, string? secondSubgroup, PlaceKind? place = null) =>
        kind == PlanTargetKind.Gap
            ? $"Gap: {subgroup} − {secondSubgroup} ({subgroupType})"
            : subgroupType == Subgroups.AllType ? Whole(place) : $"{subgroup} ({subgroupType})";

    /// <summary>The whole population of the plan's place: "Whole county", "Whole city".</summary>
    public static string Whole(PlaceKind? place) => "Whole " + (place ?? PlaceKind.County).Singular;

    /// <summary>A value ("72.0%", "$58,900") or, for gaps, a signed difference ("+5.0 percentage points").</summary>
    public static string FormatValue(double? value, PlanTargetKind kind, MetricUnit unit)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return MetricFormatter.Missing;
        }
        if (kind == PlanTargetKind.Value)
        {
            return MetricFormatter.Format(v, unit);
        }
        var sign = v > 0 ? "+" : v < 0 ? "−" : "";
        return sign + MetricFormatter.FormatChange(Math.Abs(v), unit);
    }

    /// <summary>A share of the way as a whole percent: "45%", "−20%", "120%".</summary>
    public static string Percent(double share) =>
        ((int)Math.Round(share * 100, MidpointRounding.AwayFromZero)).ToString(Culture).Replace("-", "−", StringComparison.Ordinal) + "%";

    /// <summary>The unit the forms take values in: shares in percent (72 for 72%), everything else as published.</summary>
    public static string InputUnit(MetricUnit unit, PlanTargetKind kind = PlanTargetKind.Value) =>
        MetricFormatter.InputUnit(unit, kind == PlanTargetKind.Gap);

    /// <summary>A form value in the stored unit: shares are entered in percent.</summary>
    public static double FromInput(double value, MetricUnit unit) => value / MetricFormatter.DisplayScale(unit);

    /// <summary>A stored value as the forms show it (shares in percent), rounded for display.</summary>
    public static double ToInput(double value, MetricUnit unit) => MetricFormatter.DisplayScale(unit) is var scale && scale == 1 ? value : Math.Round(value * scale, 6);

    /// <summary>
    /// One sentence on the target's progress, with the numbers and every caveat: "On track: 45% of the way from the
    /// baseline to the target by 2023, ahead of the straight path (40%)."
    /// </summary>
    public static string Sentence(PlanTargetView target)
    {
        var p = target.Progress;
        var latest = p.Latest;
        var text = p.Status switch
        {
            ProgressStatus.NoData => "No value has been published since the baseline was set, so progress cannot be measured.",
            ProgressStatus.NoNewerData when latest!.Year < target.Baseline.Year =>
                $"The latest value ({latest.Year}) is older than the baseline ({target.Baseline.Year}), so progress cannot be measured yet.",
            ProgressStatus.NoNewerData => $"No value newer than the baseline year ({target.Baseline.Year}) has been published yet.",
            _ when p.HoldTarget => p.Status == ProgressStatus.Met
                ? $"Target met: {target.FormatValue(latest!.Value)} in {latest.Year}, holding the line at {target.FormatValue(target.TargetValue)}."
                : $"Off track: {target.FormatValue(latest!.Value)} in {latest.Year} has fallen past the line of {target.FormatValue(target.TargetValue)}.",
            ProgressStatus.Met => $"Target met: {target.FormatValue(latest!.Value)} in {latest.Year} against a target of {target.FormatValue(target.TargetValue)}.",
            _ => $"{p.Label}: {Way(p.DistanceCovered!.Value)} by {latest!.Year} ({target.FormatValue(latest.Value)}), " +
                 $"{(p.Status == ProgressStatus.OnTrack ? "at or ahead of" : "behind")} the straight path, which expects {Percent(p.ExpectedShare!.Value)} of the way ({target.FormatValue(p.PathValue)}).",
        };
        if (p.Status is ProgressStatus.Met or ProgressStatus.OnTrack or ProgressStatus.OffTrack)
        {
            if (latest!.Year >= target.TargetYear && p.Status != ProgressStatus.Met)
            {
                text += $" The target year {target.TargetYear.ToString(Culture)} has passed.";
            }
            if (p.WithinUncertainty == true)
            {
                text += " The change since the baseline is within the uncertainty of the data: the 95% intervals of the baseline and the latest value overlap.";
            }
            else if (p.WithinUncertainty is null)
            {
                text += " No confidence interval is published for the baseline or the latest value: cannot tell whether this change is real.";
            }
            if (p.WeakData)
            {
                var who = (target.Baseline.Quality == DataQuality.Weak, latest.Quality == DataQuality.Weak) switch
                {
                    (true, true) => "The baseline and the latest value are",
                    (true, false) => "The baseline is",
                    _ => "The latest value is",
                };
                text += $" {who} Weak data, too uncertain to act on: do not read this as progress.";
            }
        }
        return text;
    }

    private static string Way(double covered) => Math.Abs(covered) < 0.005
        ? "no measurable movement from the baseline"
        : covered < 0
            ? $"moved away from the target ({Percent(covered)} of the way)"
            : $"{Percent(covered)} of the way from the baseline to the target";
}
