using System.Text.Json;
using Bunit;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Core.Plans;
using UpwardMobility.Web.Components.Charts;
using UpwardMobility.Web.Plans;

namespace UpwardMobility.Tests.Plans;

/// <summary>The target chart's figure and the target card's table: the same numbers, the path from baseline to target.</summary>
public class TargetChartTests : BunitContext
{
    private static PlanTargetView Gap()
    {
        var baseline = new PlanReading(2021, 0.12, 0.10, 0.14, DataQuality.Strong);
        var series = new[] { baseline, new PlanReading(2022, 0.10, 0.08, 0.12, DataQuality.Marginal), new PlanReading(2023, 0.09, null, null, DataQuality.Weak) };
        var metric = new MetricOutline("share_employed", "Employment", "", MetricUnit.Share, MetricDirection.Up, false, "", "");
        var spec = new TargetSpec(metric.Direction, PlanTargetKind.Gap, baseline, 0.06, 2030);
        return new PlanTargetView(7, metric, "employment-opportunities", "Employment opportunities", PlanTargetKind.Gap, "race-ethnicity", "White",
            "Black", baseline, 0.06, 2030, "Board", null, false, "p@example.org", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), 1, series,
            TargetProgress.Evaluate(spec, series[^1]));
    }

    [Fact]
    public void The_figure_draws_the_series_band_baseline_target_and_straight_path_in_percentage_points()
    {
        var cut = Render<TargetChart>(p => p.Add(c => c.Id, "chart").Add(c => c.Target, Gap()));

        var figure = JsonDocument.Parse(cut.Find("#chart").GetAttribute("data-figure")!).RootElement;
        var traces = figure.GetProperty("data").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal([12.0, 10.0, 9.0], traces["Gap"].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([14.0, 12.0], traces["95% CI upper"].GetProperty("y").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble()));
        var path = traces["Straight path to the target"];
        Assert.Equal([2021, 2030], path.GetProperty("x").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal([12.0, 6.0], path.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(6.0, traces["Target (2030)"].GetProperty("y")[0].GetDouble());
        Assert.Equal(12.0, traces["Baseline (2021)"].GetProperty("y")[0].GetDouble());
        Assert.Equal(" pts", figure.GetProperty("layout").GetProperty("yaxis").GetProperty("ticksuffix").GetString());
    }

    [Fact]
    public void The_card_states_progress_with_its_caveats_and_tabulates_the_chart()
    {
        var cut = Render<PlanTargetCard>(p => p.Add(c => c.Target, Gap()).Add(c => c.Fips, "06037"));

        Assert.Equal("Employment: Gap: White − Black (race-ethnicity)", cut.Find("h3").TextContent);
        var progress = cut.Find(".plan-target__progress").TextContent;
        // 0.12 → 0.09 of a 0.12 → 0.06 gap: half the way by 2023, the path expects 2/9.
        Assert.Contains("On track: 50% of the way from the baseline to the target by 2023 (+9.0 percentage points)", progress, StringComparison.Ordinal);
        Assert.Contains("weak data", progress, StringComparison.Ordinal);
        Assert.Contains("The latest value is Weak data, too uncertain to act on", progress, StringComparison.Ordinal);
        var rows = cut.FindAll("table.plan-table tbody tr");
        Assert.Equal(4, rows.Count);
        Assert.Equal("2021 (baseline)", rows[0].QuerySelector("th")!.TextContent);
        Assert.Equal(["+12.0 percentage points", "+10.0 percentage points", "+14.0 percentage points"], rows[0].QuerySelectorAll("td").Take(3).Select(c => c.TextContent));
        Assert.Equal("+6.0 percentage points", rows[3].QuerySelectorAll("td")[^1].TextContent);
        Assert.Equal("2030 (target)", rows[3].QuerySelector("th")!.TextContent);
    }
}
