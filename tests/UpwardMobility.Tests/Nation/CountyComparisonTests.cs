using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Core.Nation;

namespace UpwardMobility.Tests.Nation;

public class CountyComparisonTests
{
    private static MetricReading Reading(double value, double? low, double? high, DataQuality quality = DataQuality.Strong) =>
        new(2023, value, low, high, quality, null, false);

    private static (double? Difference, DifferenceKind Kind) CompareKind(MetricReading? reference, MetricReading? other) =>
        CountyComparison.Compare(Metric(MetricDirection.Up), reference, other) is { } d
            ? (d.Amount, d.Verdict switch
            {
                UpwardMobility.Core.Judgement.IntervalVerdict.Apart => DifferenceKind.Meaningful,
                UpwardMobility.Core.Judgement.IntervalVerdict.Overlap => DifferenceKind.WithinUncertainty,
                _ => DifferenceKind.UncertaintyUnknown,
            })
            : (null, DifferenceKind.None);

    private static MetricOutline Metric(MetricDirection direction) =>
        new("m", "Measure", "", MetricUnit.Share, direction, false, "", "");

    [Fact]
    public void Overlapping_intervals_are_within_the_uncertainty()
    {
        var (difference, kind) = CompareKind(Reading(0.50, 0.45, 0.55), Reading(0.53, 0.49, 0.57));
        Assert.Equal(DifferenceKind.WithinUncertainty, kind);
        Assert.Equal(0.03, difference!.Value, 10);
    }

    [Fact]
    public void Separate_intervals_are_a_meaningful_difference_in_either_direction()
    {
        Assert.Equal(DifferenceKind.Meaningful, CompareKind(Reading(0.50, 0.45, 0.55), Reading(0.70, 0.65, 0.75)).Kind);
        Assert.Equal(DifferenceKind.Meaningful, CompareKind(Reading(0.50, 0.45, 0.55), Reading(0.30, 0.25, 0.35)).Kind);
    }

    [Fact]
    public void Intervals_that_only_touch_still_overlap()
    {
        Assert.Equal(DifferenceKind.WithinUncertainty, CompareKind(Reading(0.50, 0.45, 0.55), Reading(0.60, 0.55, 0.65)).Kind);
    }

    [Fact]
    public void A_missing_interval_leaves_the_difference_unjudged()
    {
        Assert.Equal(DifferenceKind.UncertaintyUnknown, CompareKind(Reading(0.50, null, null), Reading(0.90, 0.85, 0.95)).Kind);
        Assert.Equal(DifferenceKind.None, CompareKind(null, Reading(0.90, 0.85, 0.95)).Kind);
    }

    [Fact]
    public void Best_and_worst_follow_the_direction_and_are_named_only_when_clear_of_every_other_value()
    {
        string[] fips = ["01001", "06037", "17031"];
        var readings = new Dictionary<string, MetricReading>
        {
            ["01001"] = Reading(120, 110, 130),
            ["06037"] = Reading(80, 75, 85),
            ["17031"] = Reading(125, 100, 150),
        };
        // Lower is better: 80 is clear of both others, so best; 125 is the highest but within 120's interval: no worst.
        var down = CountyComparison.BuildRow(Metric(MetricDirection.Down), 2023, fips, readings);
        Assert.True(down.Cells[1].IsBest);
        Assert.DoesNotContain(down.Cells, c => c.IsWorst);
        Assert.Equal(DifferenceKind.None, down.Cells[0].DifferenceKind);
        Assert.Equal(DifferenceKind.Meaningful, down.Cells[1].DifferenceKind);
        Assert.Equal(DifferenceKind.WithinUncertainty, down.Cells[2].DifferenceKind);
        Assert.Equal([CompareMark.None, CompareMark.Beyond, CompareMark.Within], down.Cells.Select(c => c.Mark));
        Assert.Equal(UpwardMobility.Core.Judgement.Side.Better, down.Cells[1].Side);

        var up = CountyComparison.BuildRow(Metric(MetricDirection.Up), 2023, fips, readings);
        Assert.DoesNotContain(up.Cells, c => c.IsBest);
        Assert.True(up.Cells[1].IsWorst);
    }

    [Fact]
    public void No_best_beside_a_value_whose_uncertainty_is_unknown()
    {
        string[] fips = ["01001", "06037"];
        var readings = new Dictionary<string, MetricReading> { ["01001"] = Reading(0.9, 0.85, 0.95), ["06037"] = Reading(0.5, null, null) };
        var row = CountyComparison.BuildRow(Metric(MetricDirection.Up), 2023, fips, readings);
        Assert.DoesNotContain(row.Cells, c => c.IsBest || c.IsWorst);
        Assert.Equal(CompareMark.NoInterval, row.Cells[1].Mark);
    }

    [Fact]
    public void Context_metrics_and_single_values_have_no_best_or_worst()
    {
        string[] fips = ["01001", "06037"];
        var readings = new Dictionary<string, MetricReading> { ["01001"] = Reading(1, 0, 2), ["06037"] = Reading(5, 4, 6) };
        Assert.DoesNotContain(CountyComparison.BuildRow(Metric(MetricDirection.Context), 2023, fips, readings).Cells, c => c.IsBest || c.IsWorst);
        var single = new Dictionary<string, MetricReading> { ["06037"] = Reading(5, 4, 6) };
        Assert.DoesNotContain(CountyComparison.BuildRow(Metric(MetricDirection.Up), 2023, fips, single).Cells, c => c.IsBest || c.IsWorst);
    }
}
