using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Dashboard;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Demo;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Tests.Counties;

namespace UpwardMobility.Tests.Dashboard;

[Collection(DemoWebAppCollection.Name)]
public class CountyDashboardHttpTests(DemoWebApp web)
{
    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
    {
        using var response = await web.Client().GetAsync(path);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private CountyDashboardService Service() => web.Services.GetRequiredService<CountyDashboardService>();

    [Fact]
    public async Task Service_loads_every_metric_with_trend_medians_and_percentile()
    {
        var dashboard = await Service().GetAsync("06037");

        Assert.NotNull(dashboard);
        Assert.Equal(DemoDataSeeder.Years, dashboard.AvailableYears);
        var employed = dashboard.Pillars.SelectMany(p => p.Predictors).SelectMany(p => p.Metrics).Single(m => m.Metric.Key == "share_employed");
        Assert.Equal(DemoDataSeeder.Years[^1], employed.Reading!.Year);
        Assert.Equal(DemoDataSeeder.Years[^2], employed.Previous!.Year);
        Assert.Equal(DemoDataSeeder.Years.Length, employed.Trend.Count);
        Assert.NotNull(employed.StateBenchmark);
        Assert.NotNull(employed.NationalBenchmark);
        Assert.NotNull(employed.Percentile);
        Assert.Equal(UpwardMobility.Core.Judgement.StandingKind.Ranked, employed.Standing!.Kind);
        Assert.NotNull(employed.SparklinePoints);
        Assert.NotEmpty(dashboard.Summary.Strengths.Concat(dashboard.Summary.Weaknesses));
        // Gaps only between subgroups whose values are not Weak (the demo's small groups often are).
        Assert.All(dashboard.Summary.Gaps, g => Assert.True(g.High.Quality != DataQuality.Weak && g.Low.Quality != DataQuality.Weak));
    }

    [Fact]
    public async Task Service_shows_the_year_asked_for()
    {
        var year = DemoDataSeeder.Years[0];
        var dashboard = await Service().GetAsync("06037", year);

        Assert.NotNull(dashboard);
        Assert.Equal([year], dashboard.YearsShown);
        var employed = dashboard.Pillars.SelectMany(p => p.Predictors).SelectMany(p => p.Metrics).Single(m => m.Metric.Key == "share_employed");
        Assert.Equal(year, employed.Reading!.Year);
        Assert.Null(employed.Previous);
        Assert.Null(employed.Change);

        var none = await Service().GetAsync("06037", 1990);
        Assert.NotNull(none);
        Assert.Equal(0, none.MetricsWithData);
        Assert.Contains(none.Pillars.SelectMany(p => p.Predictors).SelectMany(p => p.Metrics), m => m.HasOtherYears);
    }

    [Fact]
    public async Task County_page_has_summary_year_selector_sparklines_and_comparisons()
    {
        var (status, html) = await GetAsync("/counties/06037");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h2 id=\"county-summary-title\">Summary</h2>", html, StringComparison.Ordinal);
        Assert.Contains("Three dimensions of mobility", html, StringComparison.Ordinal);
        Assert.Matches(@"<form class=""year-form"" method=""get"" action=""counties/06037"">", html);
        Assert.Contains("<select id=\"year-select\" name=\"year\">", html, StringComparison.Ordinal);
        Assert.Contains("Synthetic demo data", html, StringComparison.Ordinal);

        var employed = MetricRow("share_employed").Match(html).Value;
        Assert.Contains("href=\"counties/06037/metrics/share_employed\" data-enhance-nav=\"false\"", employed, StringComparison.Ordinal);
        Assert.Matches(@"<svg class=""sparkline""[^>]*role=""img"" aria-label=""Trend: 2020 \d+\.\d%", employed);
        // The change is judged by the interval rule, with a link to /methods (issue 13): better or worse only when the two
        // years' intervals do not overlap.
        // The table shows the change in brief with its caveat as a mark ("within the uncertainty"); the whole sentence is
        // kept for screen readers (issue 28).
        var change = Regex.Match(employed, @"data-label=""Trend and change"">.*?</td>", RegexOptions.Singleline).Value;
        Assert.Matches(@"<span class=""(verdict|visually-hidden)"">((up|down) \d+\.\d percentage points since 2022: " +
            @"(better \(the 95% intervals do not overlap\)|worse \(the 95% intervals do not overlap\)|within the uncertainty \(the 95% intervals overlap\))" +
            @"|no change since 2022)</span><a class=""methods-link"" href=""methods#change""", change);
        Assert.DoesNotContain("(better)", employed, StringComparison.Ordinal);
        Assert.Matches(@"data-label=""California median""><span class=""benchmark"">\d+\.\d%</span></td>", employed);
        Assert.Matches(@"data-label=""US median""><span class=""benchmark"">\d+\.\d%</span></td>", employed);
        Assert.Contains("population-weighted medians of counties", html, StringComparison.Ordinal);
        // A tie-aware rank with its plausible range, never "better than 100%" (issue 13).
        var standing = Regex.Match(employed, @"data-label=""Among US counties"">.*?</td>", RegexOptions.Singleline).Value;
        Assert.True(Regex.IsMatch(standing, @"data-label=""Among US counties""><span class=""verdict"">ranks [\d,]+(st|nd|rd|th) \(plausibly [\d,]+(st|nd|rd|th)(&#x2013;|–)[\d,]+(st|nd|rd|th)\) of [\d,]+ US counties[^<]*: better than ([1-9]|[1-9]\d)% of them</span>"), standing);
        Assert.Contains("<caption class=\"visually-hidden\">", html, StringComparison.Ordinal);
        Assert.Matches(@"<link rel=""stylesheet"" href=""dashboard(\.[a-z0-9]+)?\.css""", html);
    }

    [Fact]
    public async Task County_page_keeps_the_year_in_the_url()
    {
        var (status, html) = await GetAsync("/counties/06037?year=2021");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<option value=\"2021\" selected>2021</option>", html, StringComparison.Ordinal);
        var employed = MetricRow("share_employed").Match(html).Value;
        Assert.Contains("<span class=\"metric-row__year\" title=\"Year\">2021</span>", employed, StringComparison.Ordinal);
        Assert.Contains("since 2020", employed, StringComparison.Ordinal);
        Assert.Contains("href=\"counties/06037/metrics/share_employed?year=2021\" data-enhance-nav", employed, StringComparison.Ordinal);

        var (missingStatus, missing) = await GetAsync("/counties/06037?year=1990");
        Assert.Equal(HttpStatusCode.OK, missingStatus);
        Assert.Contains("Not published for this county in 1990", missing, StringComparison.Ordinal);

        var (junkStatus, junk) = await GetAsync("/counties/06037?year=abc");
        Assert.Equal(HttpStatusCode.OK, junkStatus);
        // Not a year: each metric's latest year, no year option selected.
        Assert.Contains("Latest for each metric</option>", junk, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"<option value=""\d+"" selected", junk);
        Assert.Contains("<span class=\"metric-row__year\" title=\"Year\">2023</span>", MetricRow("share_employed").Match(junk).Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_stylesheet_is_served_with_print_rules()
    {
        using var response = await web.Client().GetAsync("/dashboard.css");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("@media print", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Regex MetricRow(string key) =>
        new($@"<tr class=""metric-row[^""]*"" data-metric=""{Regex.Escape(key)}"".*?</tr>", RegexOptions.Singleline);
}
