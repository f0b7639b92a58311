using System.Text;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Core.Nation;
using UpwardMobility.Web.Map;

namespace UpwardMobility.Tests.Nation;

/// <summary>The map's colour rule and the quantised SVG paths, as pure functions.</summary>
public sealed class MapColourScaleTests
{
    private static MetricCrossSection Section(MetricDirection direction, params double?[] values) => new(
        new MetricOutline("m", "M", "", MetricUnit.Share, direction, false, "", ""),
        "P", "Q", 2023, [2023], SubgroupChoice.All, [SubgroupChoice.All],
        values.Select((v, i) => new CrossSectionRow($"01{i:000}", "C", "01", "AL", "Alabama", 1000, v, null, null, DataQuality.Strong, null, null, false)).ToList());

    // No benchmark in these sections: the scale is centred on the middle of the values' range.
    private static MapColourScale Scale(MetricDirection direction, params double?[] values) =>
        Section(direction, values).ColourScale(values.Where(v => v is not null).Select(v => v!.Value).ToList(), null, null);

    [Fact]
    public void Higher_is_better_runs_orange_to_blue_lower_is_better_the_other_way_and_context_in_purple()
    {
        var values = Enumerable.Range(0, 101).Select(i => (double?)(i / 100.0)).ToArray();
        var up = Scale(MetricDirection.Up, values);
        Assert.Equal("#b35806", up.Colour(0.0));
        Assert.Equal("#08519c", up.Colour(1.0));
        Assert.Equal("#f7f7f7", up.Colour(0.5));
        var down = Scale(MetricDirection.Down, values);
        Assert.Equal("#08519c", down.Colour(0.0));
        Assert.Equal("#b35806", down.Colour(1.0));
        var context = Scale(MetricDirection.Context, values);
        Assert.Equal("#f2f0f7", context.Colour(0.0));
        Assert.Equal("#3f007d", context.Colour(1.0));
        Assert.False(context.Judged);
        Assert.Equal(MapColourScale.NoValue, up.Colour(null));
    }

    [Fact]
    public void The_scale_stretches_from_the_2nd_to_the_98th_percentile_and_the_legend_names_its_ends()
    {
        // 100 ordinary values and two extremes: the extremes take the end colours, not the range.
        var values = Enumerable.Range(0, 100).Select(i => (double?)(0.4 + i / 1000.0)).Append(-5).Append(9).ToArray();
        var scale = Scale(MetricDirection.Up, values);
        Assert.InRange(scale.Min!.Value, 0.4, 0.41);
        Assert.InRange(scale.Max!.Value, 0.49, 0.5);
        Assert.Equal(scale.Colour(scale.Min), scale.Colour(-5));
        var legend = scale.Legend();
        Assert.Equal(5, legend.Count);
        Assert.Equal(scale.Min, legend[0].Value);
        Assert.Equal(scale.Max, legend[^1].Value);
        Assert.Equal("#b35806", legend[0].Colour);
        Assert.Equal("#08519c", legend[^1].Colour);
        Assert.Empty(Scale(MetricDirection.Up).Legend());
    }

    [Fact]
    public void Paths_round_absolute_points_so_shared_borders_match_and_repeated_points_are_dropped()
    {
        // Two squares sharing the edge x = 150 (stored units), written at 40 units per SVG unit.
        int[] left = [100, 100, 50, 0, 0, 50, -50, 0];
        int[] right = [150, 100, 50, 0, 0, 50, -50, 0];
        var a = new StringBuilder();
        var b = new StringBuilder();
        MapShapes.Path(a, [left], 40, 0, 0, closed: true);
        MapShapes.Path(b, [right], 40, 0, 0, closed: true);
        // 150 / 40 = 3.75 rounds to 4 in both; 100 → 3 (2.5 away from zero), 200 → 5.
        Assert.Equal("M3 3l1 0 0 1-1 0z", a.ToString());
        Assert.Equal("M4 3l1 0 0 1-1 0z", b.ToString());
        var tiny = new StringBuilder();
        MapShapes.Path(tiny, [[0, 0, 1, 0, 0, 1]], 40, 0, 0, closed: true);
        Assert.Equal("M0 0z", tiny.ToString());
    }
}
