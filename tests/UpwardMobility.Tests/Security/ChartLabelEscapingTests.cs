using System.Text.Json;
using Bunit;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Dashboard;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Core.Plans;
using UpwardMobility.Web.Components.Charts;

namespace UpwardMobility.Tests.Security;

/// <summary>
/// Plotly renders a small HTML subset in every label (tick labels, legend names, hover text, annotations): imported
/// text such as a county name or subgroup label must reach it as text, never as a link or a tag.
/// </summary>
public class ChartLabelEscapingTests : BunitContext
{
    private const string Phish = "<a href=\"https://evil.example/phish\">x</a>";
    private const string Escaped = "&lt;a href=\"https://evil.example/phish\"&gt;x&lt;/a&gt;";

    [Fact]
    public void Peer_chart_names_are_text()
    {
        var county = Value("06037", Phish, Phish);
        var rows = new[]
        {
            new PeerRow("06037", Phish, Phish, Phish, 10_000_000, county, IsCounty: true),
            new PeerRow("17031", "Cook County & Co", "Illinois", "IL", 5_000_000, Value("17031", "Cook County & Co", "Illinois"), IsCounty: false),
        };
        var figure = Figure(Render<PeerChart>(p => p.Add(c => c.Id, "chart").Add(c => c.Rows, rows)
            .Add(c => c.Unit, MetricUnit.Share).Add(c => c.Label, Phish)));

        AssertNoMarkup(figure);
        var names = figure.GetProperty("data")[0].GetProperty("y").EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.Equal([$"{Escaped}, {Escaped}", "Cook County &amp; Co, IL"], names);
    }

    [Fact]
    public void Subgroup_chart_labels_are_text()
    {
        var subgroups = new[]
        {
            new SubgroupReading(Phish, Phish, 0.4, 0.3, 0.5, DataQuality.Strong),
            new SubgroupReading("race-ethnicity", "Black", 0.3, 0.2, 0.4, DataQuality.Weak),
        };
        var figure = Figure(Render<SubgroupBarChart>(p => p.Add(c => c.Id, "chart").Add(c => c.Subgroups, subgroups)
            .Add(c => c.Unit, MetricUnit.Share).Add(c => c.Label, Phish)));

        AssertNoMarkup(figure);
        Assert.Equal($"{Escaped} ({Escaped})", figure.GetProperty("data")[0].GetProperty("x")[0].GetString());
        Assert.Equal(Escaped, figure.GetProperty("layout").GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Distribution_chart_hover_texts_legend_and_annotation_are_text()
    {
        var values = Enumerable.Range(0, 40).Select(i => Value($"06{i:000}", i == 0 ? Phish : $"County {i}", i < 5 ? Phish : "Elsewhere", 0.1 + (i * 0.01))).ToList();
        var distribution = MetricDistribution.Build(2023, values, "06000", "06", new UpwardMobility.Core.Counties.MetricOutline("m", "Measure", "", MetricUnit.Share, MetricDirection.Up, false, "", ""))!;
        var figure = Figure(Render<DistributionChart>(p => p.Add(c => c.Id, "chart").Add(c => c.Distribution, distribution)
            .Add(c => c.Unit, MetricUnit.Share).Add(c => c.Label, Phish).Add(c => c.CountyName, Phish).Add(c => c.StateName, Phish)));

        AssertNoMarkup(figure);
        var data = figure.GetProperty("data");
        Assert.Equal(Escaped + "'s counties", data[1].GetProperty("name").GetString());
        Assert.EndsWith($"in {Escaped})", data[0].GetProperty("text")[0].GetString(), StringComparison.Ordinal);
        // The county is named in the legend (a trace of its own): "<name>: <value>", as text.
        Assert.Contains(data.EnumerateArray(), t => t.TryGetProperty("name", out var name) && name.GetString()!.StartsWith(Escaped + ": ", StringComparison.Ordinal));
    }

    [Fact]
    public void Trend_chart_names_and_axis_title_are_text()
    {
        var years = new[] { new MetricYear(2022, 0.3, 0.2, 0.4, DataQuality.Strong, null, 0.5, 0.3, 0.3), new MetricYear(2023, 0.35, 0.3, 0.4, DataQuality.Marginal, null, 0.5, 0.3, 0.3) };
        var figure = Figure(Render<TrendChart>(p => p.Add(c => c.Id, "chart").Add(c => c.Years, years)
            .Add(c => c.Unit, MetricUnit.Share).Add(c => c.Label, Phish).Add(c => c.CountyName, Phish).Add(c => c.StateName, Phish)));

        AssertNoMarkup(figure);
        var names = figure.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains(Escaped, names);                                           // the county
        Assert.Equal(2, names.Count(n => n!.StartsWith(Escaped, StringComparison.Ordinal))); // and the state's median
    }

    [Fact]
    public void Target_chart_subject_and_metric_label_are_text()
    {
        var baseline = new PlanReading(2021, 0.12, 0.10, 0.14, DataQuality.Strong);
        var series = new[] { baseline, new PlanReading(2022, 0.10, 0.08, 0.12, DataQuality.Marginal) };
        var metric = new MetricOutline("share_employed", Phish, "", MetricUnit.Share, MetricDirection.Up, false, "", "");
        var spec = new TargetSpec(metric.Direction, PlanTargetKind.Value, baseline, 0.2, 2030);
        var target = new PlanTargetView(7, metric, "p", Phish, PlanTargetKind.Value, Phish, Phish, null, baseline, 0.2, 2030,
            Phish, Phish, false, Phish, DateTime.UtcNow, 1, series, TargetProgress.Evaluate(spec, series[^1]));
        var figure = Figure(Render<TargetChart>(p => p.Add(c => c.Id, "chart").Add(c => c.Target, target)));

        AssertNoMarkup(figure);
        Assert.Contains(figure.GetProperty("data").EnumerateArray(), t => t.GetProperty("name").GetString()!.Contains(Escaped, StringComparison.Ordinal));
    }

    private static CountyValue Value(string fips, string name, string state, double value = 0.42) =>
        new(fips, name, fips[..2], state, state, value, value - 0.05, value + 0.05, DataQuality.Strong, 0.5);

    private static JsonElement Figure<T>(IRenderedComponent<T> cut) where T : Microsoft.AspNetCore.Components.IComponent =>
        JsonDocument.Parse(cut.Find("#chart").GetAttribute("data-figure")!).RootElement;

    /// <summary>No string Plotly draws (data and layout) holds a tag; every ampersand starts an entity.</summary>
    private static void AssertNoMarkup(JsonElement figure)
    {
        foreach (var text in Strings(figure.GetProperty("data")).Concat(Strings(figure.GetProperty("layout"))))
        {
            Assert.DoesNotContain("<", text, StringComparison.Ordinal);
            Assert.DoesNotContain(">", text, StringComparison.Ordinal);
            Assert.DoesNotMatch("&(?!(amp|lt|gt|quot|#39);)", text);
        }
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };
}
