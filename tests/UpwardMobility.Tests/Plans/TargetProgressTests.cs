using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Core.Plans;

namespace UpwardMobility.Tests.Plans;

/// <summary>The progress arithmetic of targets: up, down, parity and gap targets, intervals, weak data, odd years.</summary>
public class TargetProgressTests
{
    private static PlanReading R(int year, double value, double? lb = null, double? ub = null, DataQuality q = DataQuality.Strong) =>
        new((short)year, value, lb, ub, q);

    private static TargetSpec Spec(MetricDirection direction, PlanReading baseline, double target, int targetYear, PlanTargetKind kind = PlanTargetKind.Value) =>
        new(direction, kind, baseline, target, (short)targetYear);

    [Fact]
    public void Up_metric_ahead_of_the_straight_path_is_on_track()
    {
        // 0.60 in 2020 → 0.70 by 2030; 2025 is half way, the path expects 0.65; 0.67 is 70% of the way.
        var p = TargetProgress.Evaluate(Spec(MetricDirection.Up, R(2020, 0.60, 0.58, 0.62), 0.70, 2030), R(2025, 0.67, 0.655, 0.685));

        Assert.Equal(ProgressStatus.OnTrack, p.Status);
        Assert.Equal(0.7, p.DistanceCovered!.Value, 10);
        Assert.Equal(0.5, p.ExpectedShare!.Value, 10);
        Assert.Equal(0.65, p.PathValue!.Value, 10);
        Assert.False(p.WithinUncertainty);
        Assert.True(p.IsClear);
        Assert.Equal("On track", p.Summary);
    }

    [Fact]
    public void Up_metric_behind_the_path_is_off_track_and_moving_away_covers_a_negative_distance()
    {
        var spec = Spec(MetricDirection.Up, R(2020, 0.60), 0.70, 2030);

        var behind = TargetProgress.Evaluate(spec, R(2025, 0.62));
        Assert.Equal(ProgressStatus.OffTrack, behind.Status);
        Assert.Equal(0.2, behind.DistanceCovered!.Value, 10);

        var away = TargetProgress.Evaluate(spec, R(2022, 0.55));
        Assert.Equal(ProgressStatus.OffTrack, away.Status);
        Assert.Equal(-0.5, away.DistanceCovered!.Value, 10);
    }

    [Fact]
    public void Down_metric_counts_falling_values_as_progress()
    {
        // A rate of 400 per 100,000 to bring down to 300 by 2028, from 2020: by 2024 the path expects 350.
        var spec = Spec(MetricDirection.Down, R(2020, 400, 380, 420), 300, 2028);

        var ahead = TargetProgress.Evaluate(spec, R(2024, 340, 325, 355));
        Assert.Equal(ProgressStatus.OnTrack, ahead.Status);
        Assert.Equal(0.6, ahead.DistanceCovered!.Value, 10);
        Assert.Equal(350, ahead.PathValue!.Value, 10);

        var rising = TargetProgress.Evaluate(spec, R(2024, 410, 390, 430));
        Assert.Equal(ProgressStatus.OffTrack, rising.Status);
        Assert.True(rising.DistanceCovered < 0);
        Assert.True(rising.WithinUncertainty);
        Assert.Equal("Off track (change within uncertainty)", rising.Summary);
        Assert.False(rising.IsClear);
    }

    [Fact]
    public void A_target_already_met_says_so_whatever_the_year()
    {
        var up = TargetProgress.Evaluate(Spec(MetricDirection.Up, R(2020, 0.60), 0.70, 2030), R(2021, 0.72));
        Assert.Equal(ProgressStatus.Met, up.Status);
        Assert.Equal(1.2, up.DistanceCovered!.Value, 10);

        var exactly = TargetProgress.Evaluate(Spec(MetricDirection.Down, R(2020, 12.5), 10.0, 2030), R(2029, 10.0));
        Assert.Equal(ProgressStatus.Met, exactly.Status);
        Assert.Equal(1.0, exactly.DistanceCovered!.Value, 10);
    }

    [Fact]
    public void Past_the_target_year_without_meeting_it_is_off_track_and_the_path_ends_at_the_target()
    {
        var p = TargetProgress.Evaluate(Spec(MetricDirection.Up, R(2018, 0.50), 0.60, 2022), R(2023, 0.59));

        Assert.Equal(ProgressStatus.OffTrack, p.Status);
        Assert.Equal(1.0, p.ExpectedShare!.Value, 10);
        Assert.Equal(0.60, p.PathValue!.Value, 10);
    }

    [Fact]
    public void Overlapping_intervals_mark_the_change_as_within_uncertainty_even_when_on_track()
    {
        var p = TargetProgress.Evaluate(Spec(MetricDirection.Up, R(2020, 0.60, 0.55, 0.65), 0.70, 2030), R(2025, 0.66, 0.61, 0.71));

        Assert.Equal(ProgressStatus.OnTrack, p.Status);
        Assert.True(p.WithinUncertainty);
        Assert.Contains("change within uncertainty", p.Caveats);
        Assert.False(p.IsClear);
    }

    [Fact]
    public void Intervals_that_only_touch_overlap_and_missing_intervals_say_nothing()
    {
        Assert.True(TargetProgress.IntervalsOverlap(R(2020, 1, 0, 2), R(2021, 3, 2, 4)));
        Assert.False(TargetProgress.IntervalsOverlap(R(2020, 1, 0, 2), R(2021, 3, 2.0001, 4)));
        Assert.Null(TargetProgress.IntervalsOverlap(R(2020, 1), R(2021, 3, 2, 4)));

        var p = TargetProgress.Evaluate(Spec(MetricDirection.Up, R(2020, 0.60), 0.70, 2030), R(2025, 0.66));
        Assert.Null(p.WithinUncertainty);
        Assert.False(p.IsClear); // no interval published: cannot tell whether the change is real (docs/methods.md)
    }

    [Theory]
    [InlineData(DataQuality.Weak, DataQuality.Strong)]
    [InlineData(DataQuality.Strong, DataQuality.Weak)]
    public void Weak_data_never_counts_as_progress_without_saying_so(DataQuality baselineQuality, DataQuality latestQuality)
    {
        var p = TargetProgress.Evaluate(Spec(MetricDirection.Up, R(2020, 0.60, q: baselineQuality), 0.70, 2030), R(2029, 0.75, q: latestQuality));

        Assert.Equal(ProgressStatus.Met, p.Status);
        Assert.True(p.WeakData);
        Assert.False(p.IsClear);
        Assert.StartsWith("Target met (weak data: too uncertain to act on", p.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Latest_data_older_than_the_baseline_measure_no_progress()
    {
        // The baseline was taken from 2023; the 2023 import was rolled back and 2021 is the latest again.
        var older = TargetProgress.Evaluate(Spec(MetricDirection.Up, R(2023, 0.60, 0.58, 0.62), 0.70, 2030), R(2021, 0.90, 0.88, 0.92));
        Assert.Equal(ProgressStatus.NoNewerData, older.Status);
        Assert.Null(older.DistanceCovered);
        Assert.Null(older.PathValue);
        Assert.Equal(2021, older.Latest!.Year);
        Assert.Equal("No newer data", older.Summary);
        Assert.False(older.IsClear);

        var same = TargetProgress.Evaluate(Spec(MetricDirection.Up, R(2023, 0.60), 0.70, 2030), R(2023, 0.61));
        Assert.Equal(ProgressStatus.NoNewerData, same.Status);

        var none = TargetProgress.Evaluate(Spec(MetricDirection.Up, R(2023, 0.60), 0.70, 2030), null);
        Assert.Equal(ProgressStatus.NoData, none.Status);
        Assert.Equal("No data", none.Summary);
    }

    [Theory]
    [InlineData(0.70, 0.90, 2025, 0.85, ProgressStatus.OnTrack)]   // below parity, moving up toward it
    [InlineData(1.30, 1.10, 2025, 1.15, ProgressStatus.OnTrack)]   // above parity, moving down toward it
    [InlineData(1.30, 1.10, 2025, 1.28, ProgressStatus.OffTrack)]
    [InlineData(0.70, 0.90, 2025, 1.04, ProgressStatus.Met)]       // crossed parity: closer to 1.0 than the target
    [InlineData(0.70, 0.90, 2025, 1.25, ProgressStatus.OffTrack)]  // overshot: 0.25 from parity, the path expects 0.20 by 2025
    [InlineData(0.70, 1.00, 2025, 0.97, ProgressStatus.Met)]       // "at parity" is within 5% of 1.0
    public void Parity_metrics_progress_toward_the_target_from_either_side(double baseline, double target, int year, double latest, ProgressStatus expected)
    {
        var p = TargetProgress.Evaluate(Spec(MetricDirection.Parity, R(2020, baseline), target, 2030), R(year, latest));

        Assert.Equal(expected, p.Status);
    }

    [Fact]
    public void Parity_distance_covered_is_measured_from_parity_on_both_sides()
    {
        var below = TargetProgress.Evaluate(Spec(MetricDirection.Parity, R(2020, 0.70), 0.90, 2030), R(2025, 0.80));
        var above = TargetProgress.Evaluate(Spec(MetricDirection.Parity, R(2020, 1.30), 1.10, 2030), R(2025, 1.20));

        Assert.Equal(0.5, below.DistanceCovered!.Value, 10);
        Assert.Equal(0.5, above.DistanceCovered!.Value, 10);
        Assert.Equal(ProgressStatus.OnTrack, below.Status);
        Assert.Equal(ProgressStatus.OnTrack, above.Status);
    }

    [Fact]
    public void Gap_targets_count_a_narrowing_gap_as_progress_whatever_the_metric_direction()
    {
        // "Halve the gap in employment between two groups, 0.12 in 2020, to 0.06 by 2030."
        foreach (var direction in new[] { MetricDirection.Up, MetricDirection.Down })
        {
            var spec = Spec(direction, R(2020, 0.12), 0.06, 2030, PlanTargetKind.Gap);
            var narrower = TargetProgress.Evaluate(spec, R(2025, 0.08));
            Assert.Equal(ProgressStatus.OnTrack, narrower.Status);
            Assert.Equal(2.0 / 3, narrower.DistanceCovered!.Value, 10);

            Assert.Equal(ProgressStatus.OffTrack, TargetProgress.Evaluate(spec, R(2025, 0.11)).Status);
            Assert.Equal(ProgressStatus.OffTrack, TargetProgress.Evaluate(spec, R(2025, 0.15)).Status);
            Assert.Equal(ProgressStatus.Met, TargetProgress.Evaluate(spec, R(2025, 0.05)).Status);
            // The gap reversing, but narrower than the target, meets it too: the target is about the gap's size.
            Assert.Equal(ProgressStatus.Met, TargetProgress.Evaluate(spec, R(2025, -0.03)).Status);
        }
        // A negative gap (the first group lower) narrows toward zero from below.
        var negative = TargetProgress.Evaluate(Spec(MetricDirection.Up, R(2020, -0.20), -0.10, 2030, PlanTargetKind.Gap), R(2025, -0.14));
        Assert.Equal(ProgressStatus.OnTrack, negative.Status);
        Assert.Equal(0.6, negative.DistanceCovered!.Value, 10);
    }

    [Fact]
    public void Gap_intervals_combine_the_half_widths_as_the_root_of_the_sum_of_squares()
    {
        var a = R(2022, 0.70, 0.67, 0.74, DataQuality.Strong);   // −0.03 / +0.04
        var b = R(2022, 0.60, 0.56, 0.61, DataQuality.Marginal); // −0.04 / +0.01

        var gap = TargetProgress.GapOf(a, b);

        Assert.Equal(0.10, gap.Value, 12);
        Assert.Equal(0.10 - Math.Sqrt((0.03 * 0.03) + (0.01 * 0.01)), gap.LowerBound!.Value, 12);
        Assert.Equal(0.10 + Math.Sqrt((0.04 * 0.04) + (0.04 * 0.04)), gap.UpperBound!.Value, 12);
        Assert.Equal(DataQuality.Marginal, gap.Quality);
        Assert.Null(TargetProgress.GapOf(a, R(2022, 0.6)).LowerBound);
        Assert.Equal(DataQuality.Weak, TargetProgress.GapOf(R(2022, 1, q: DataQuality.Weak), R(2022, 1, q: DataQuality.Strong)).Quality);
        Assert.Equal(DataQuality.Unknown, TargetProgress.GapOf(R(2022, 1, q: DataQuality.Unknown), R(2022, 1, q: DataQuality.Marginal)).Quality);
    }

    [Theory]
    [InlineData(MetricDirection.Up, PlanTargetKind.Value, 0.6, 0.7, true)]
    [InlineData(MetricDirection.Up, PlanTargetKind.Value, 0.6, 0.5, false)]
    [InlineData(MetricDirection.Up, PlanTargetKind.Value, 0.6, 0.6, false)]
    [InlineData(MetricDirection.Down, PlanTargetKind.Value, 400, 300, true)]
    [InlineData(MetricDirection.Down, PlanTargetKind.Value, 400, 450, false)]
    [InlineData(MetricDirection.Parity, PlanTargetKind.Value, 0.7, 1.2, true)]
    [InlineData(MetricDirection.Parity, PlanTargetKind.Value, 0.8, 1.3, false)]
    [InlineData(MetricDirection.Up, PlanTargetKind.Gap, 0.12, 0.06, true)]
    [InlineData(MetricDirection.Up, PlanTargetKind.Gap, 0.12, -0.15, false)]
    [InlineData(MetricDirection.Context, PlanTargetKind.Value, 10, 5, true)]
    [InlineData(MetricDirection.Context, PlanTargetKind.Value, 10, 15, true)]
    public void Wrong_direction_targets_are_recognised(MetricDirection direction, PlanTargetKind kind, double baseline, double target, bool improves) =>
        Assert.Equal(improves, TargetProgress.ImprovesOnBaseline(direction, kind, baseline, target));

    [Fact]
    public void A_confirmed_hold_the_line_target_is_met_while_the_value_stays_on_the_right_side()
    {
        // Employment 0.74 in 2020; the planners confirmed "stay at or above 0.72 through 2030".
        var spec = Spec(MetricDirection.Up, R(2020, 0.74), 0.72, 2030);

        var kept = TargetProgress.Evaluate(spec, R(2024, 0.73));
        Assert.Equal(ProgressStatus.Met, kept.Status);
        Assert.True(kept.HoldTarget);
        Assert.Null(kept.DistanceCovered);

        var lost = TargetProgress.Evaluate(spec, R(2024, 0.70));
        Assert.Equal(ProgressStatus.OffTrack, lost.Status);
    }

    [Fact]
    public void The_straight_path_runs_from_baseline_to_target_and_stays_there()
    {
        var baseline = R(2020, 100);

        Assert.Equal(100, TargetProgress.PathValueAt(baseline, 60, 2030, 2018), 10);
        Assert.Equal(80, TargetProgress.PathValueAt(baseline, 60, 2030, 2025), 10);
        Assert.Equal(60, TargetProgress.PathValueAt(baseline, 60, 2030, 2030), 10);
        Assert.Equal(60, TargetProgress.PathValueAt(baseline, 60, 2030, 2035), 10);
    }
}
